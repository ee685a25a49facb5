-- Subsidy amounts per 难易程度 (DOMAIN §7) the assessment office sets per period ("2026-Q3"); periods without a row
-- use the product defaults (ledger/subsidies.ts). `tiers` is a JSON object {简易: 元, 普通: 元, 复杂: 元, 重大: 元}.
-- Like the assessment weights, a statement for a period always prices with that period's tiers.
CREATE TABLE subsidy_tiers (
  period TEXT PRIMARY KEY,
  tiers TEXT NOT NULL,
  updated_by INTEGER,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
