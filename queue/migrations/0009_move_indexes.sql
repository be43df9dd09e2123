-- Indexes for the moves (issue 15): what a take or a call reads is found through an index instead of
-- by walking the day's tickets or the counter's calls, and an event without a counter (a take's)
-- no longer writes the counter index.
-- The day's last queue position (a new number goes after it): MAX(queue_key) of the day's tickets
-- walked every ticket of the day through tickets_day_number. queue_key is never NULL: the condition
-- only keeps the index from the queries that do not name it (the call order and the counts of
-- waiting tickets, which the planner would otherwise walk in queue order through it, past every
-- ticket of the day already called); the queries for the last position say `queue_key IS NOT NULL`.
CREATE INDEX tickets_day_key ON tickets(business_day, queue_key) WHERE queue_key IS NOT NULL;
-- The waiting tickets by service, in queue order (the call order, the counts of waiting tickets):
-- only waiting tickets, so a call takes its ticket out instead of moving it to another state's
-- entries, and the day's finished tickets cost it nothing. The same columns as before (0001), so
-- every query plans as before; each of them says state = 'waiting', which the condition needs.
DROP INDEX tickets_waiting;
CREATE INDEX tickets_waiting ON tickets(cur_service_id, state, queue_key) WHERE state = 'waiting';
-- Tickets from before numbers carried their prefix ('', see 0004), which the next number of a prefix
-- still counts: none are issued any more, so this index costs a new ticket nothing.
CREATE INDEX tickets_day_legacy ON tickets(business_day) WHERE prefix = '';
-- Every query that reads events by counter names one (counter_id = …): the events of no counter
-- (issue, print, rate, …) are left out.
DROP INDEX events_counter_kind;
CREATE INDEX events_counter_kind ON events(counter_id, kind, id) WHERE counter_id IS NOT NULL;
-- A counter's priority calls, for the call order's count of normal calls since its last priority
-- call (kCallOrder): it walked back through every call of the counter's day when there was none.
-- The condition is the one the call order's statement writes (ticket_store.cpp, counterContext).
CREATE INDEX events_priority_calls ON events(counter_id, id)
    WHERE kind = 'call' AND json_extract(detail, '$.priority') = 1;
