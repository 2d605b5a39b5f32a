-- Why: the router's deliveries gauge now counts only the open states (ix_delivery_open_by_event) plus
-- dead, instead of scanning every delivery each refresh; dead rows had no index, so counting them (and
-- the ops endpoint's keyset page of dead deliveries) still read the whole table.

CREATE INDEX ix_delivery_dead ON signal.delivery (delivery_id) WHERE state = 'dead';
COMMENT ON INDEX signal.ix_delivery_dead IS
    'Dead deliveries by id: the router''s dead gauge and GET /api/ops/deliveries/dead keyset pages.';
