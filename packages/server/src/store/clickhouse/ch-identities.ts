/**
 * Which visitor is which contact, on ClickHouse: the rule of DuckDB's REBUILD_IDENTITIES_SQL.
 * A contact id carried by an event is kept as it is, unless it is `sha256:<hex>` of a contact's
 * trimmed, lower-cased email, which resolves to that contact. The right-hand columns are renamed
 * because 18.16 hides right-hand JOIN columns that share a name with left-hand ones.
 */

/** SELECT (visitor_id, contact_id) from the events matching `where` (no rows repeated). */
export function identitiesSelectSql(where = ''): string {
  return `SELECT DISTINCT e.visitor_id AS visitor_id, coalesce(c.email_contact_id, e.contact_id) AS contact_id
    FROM (SELECT DISTINCT visitor_id, contact_id FROM events
          WHERE contact_id IS NOT NULL AND contact_id <> '' AND visitor_id IS NOT NULL${where === '' ? '' : ` AND ${where}`}) e
    LEFT JOIN (SELECT contact_id AS email_contact_id,
                 concat('sha256:', lower(hex(SHA256(lowerUTF8(replaceRegexpAll(assumeNotNull(email), '^ +| +$', '')))))) AS hashed
               FROM contacts WHERE email IS NOT NULL AND email <> '') c ON c.hashed = e.contact_id`;
}
