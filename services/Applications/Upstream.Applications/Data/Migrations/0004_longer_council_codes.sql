-- Registry codes are not all three letters: combined authorities (GMCA, WMCA) and Northern Ireland's districts
-- (NIR-A) are longer, and may lead applications. Room for the registry's longest with margin.
ALTER TABLE applications ALTER COLUMN lead_council_code TYPE character varying(16);
