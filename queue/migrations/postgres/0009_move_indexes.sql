-- PostgreSQL edition of ../0009_move_indexes.sql (the same indexes; the priority condition written
-- as the call order's statement writes it for PostgreSQL).
CREATE INDEX tickets_day_key ON tickets(business_day, queue_key) WHERE queue_key IS NOT NULL;
DROP INDEX tickets_waiting;
CREATE INDEX tickets_waiting ON tickets(cur_service_id, state, queue_key) WHERE state = 'waiting';
CREATE INDEX tickets_day_legacy ON tickets(business_day) WHERE prefix = '';
DROP INDEX events_counter_kind;
CREATE INDEX events_counter_kind ON events(counter_id, kind, id) WHERE counter_id IS NOT NULL;
CREATE INDEX events_priority_calls ON events(counter_id, id)
    WHERE kind = 'call' AND (detail->>'priority')::boolean;
