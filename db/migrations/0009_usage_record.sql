-- Records a batch of usage events of one application in one round trip (lib/consumption/record.ts).
-- p_events: a JSON array, ids unique within it, each
--   { id, org, usr, meter, value, at, key (counter period), ps, pe (period bounds), limit, hard, stripe }.
-- Returns a JSON array in the same order: { id, status: recorded|duplicate|rejected, code?, total,
-- limit, remaining, warning?, crossed? (80 or 100: a hard quota's threshold this event reached) }.
-- Exactness: every counter the batch touches is locked (in one order, so batches never deadlock)
-- before any decision, so a hard limit holds against any number of concurrent writers; a retried id
-- is found under that lock, or, for a concurrent first recording, by the insert's conflict, and its
-- value is then never counted (counters add only what was inserted).
-- Speed: every lookup is by a whole primary key (counters, events), so a call costs the same with
-- millions of events stored; the accepted events are kept as their positions in p_events and read
-- from it again by the insert, rather than rebuilt as JSON.
CREATE OR REPLACE FUNCTION usage_record(p_app text, p_events jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  ev record;
  counter record;
  totals jsonb := '{}'::jsonb;
  stored jsonb;
  results jsonb[] := '{}';
  accepted int[] := '{}';
  outcomes jsonb[] := '{}';
  ckey text;
  running numeric;
  next_total numeric;
  res jsonb;
  inserted text[];
BEGIN
  INSERT INTO usage_counters (application_id, org_id, meter, period_key, period_start, period_end)
  SELECT DISTINCT ON (e.org, e.meter, e.key) p_app, e.org, e.meter, e.key, e.ps, e.pe
  FROM jsonb_to_recordset(p_events) AS e(org text, meter text, key text, ps timestamptz, pe timestamptz)
  ORDER BY e.org, e.meter, e.key
  ON CONFLICT DO NOTHING;

  FOR counter IN
    SELECT c.org_id, c.meter, c.period_key, c.total
    FROM (SELECT DISTINCT e.org, e.meter, e.key FROM jsonb_to_recordset(p_events) AS e(org text, meter text, key text)) k
    JOIN usage_counters c ON c.application_id = p_app AND c.org_id = k.org AND c.meter = k.meter AND c.period_key = k.key
    ORDER BY c.org_id, c.meter, c.period_key
    FOR UPDATE OF c
  LOOP
    totals := totals || jsonb_build_object(counter.org_id || ' ' || counter.meter || ' ' || counter.period_key, counter.total);
  END LOOP;

  SELECT coalesce(jsonb_object_agg(u.id, u.result), '{}'::jsonb) INTO stored FROM usage_events u
  WHERE u.application_id = p_app AND u.id = ANY (ARRAY(SELECT e.id FROM jsonb_to_recordset(p_events) AS e(id text)));

  FOR ev IN
    SELECT e.* FROM ROWS FROM (jsonb_to_recordset(p_events)
      AS (id text, org text, meter text, value numeric, key text, "limit" numeric, hard boolean))
      WITH ORDINALITY AS e(id, org, meter, value, key, "limit", hard, n)
    ORDER BY e.n
  LOOP
    IF stored ? ev.id THEN
      results := array_append(results, jsonb_build_object('id', ev.id, 'status', 'duplicate') || (stored -> ev.id));
      CONTINUE;
    END IF;
    ckey := ev.org || ' ' || ev.meter || ' ' || ev.key;
    running := (totals ->> ckey)::numeric;
    next_total := running + ev.value;
    IF ev.hard AND ev.value > 0 AND next_total > ev."limit" THEN
      results := array_append(results, jsonb_build_object('id', ev.id, 'status', 'rejected', 'code', 'quota_exceeded',
        'total', running, 'limit', ev."limit", 'remaining', greatest(ev."limit" - running, 0), 'crossed', 100));
      CONTINUE;
    END IF;
    totals := jsonb_set(totals, ARRAY[ckey], to_jsonb(next_total));
    res := jsonb_build_object('total', next_total, 'limit', ev."limit",
      'remaining', CASE WHEN ev."limit" IS NULL THEN NULL ELSE greatest(ev."limit" - next_total, 0) END);
    IF ev."limit" IS NOT NULL AND NOT ev.hard AND next_total > ev."limit" THEN
      res := res || '{"warning":"soft_limit_exceeded"}'::jsonb;
    END IF;
    accepted := array_append(accepted, ev.n::int);
    outcomes := array_append(outcomes, res);
    IF ev.hard AND ev."limit" > 0 THEN
      IF running < ev."limit" AND next_total >= ev."limit" THEN
        res := res || '{"crossed":100}'::jsonb;
      ELSIF running < 0.8 * ev."limit" AND next_total >= 0.8 * ev."limit" THEN
        res := res || '{"crossed":80}'::jsonb;
      END IF;
    END IF;
    results := array_append(results, jsonb_build_object('id', ev.id, 'status', 'recorded') || res);
  END LOOP;

  IF cardinality(accepted) > 0 THEN
    WITH ins AS (
      INSERT INTO usage_events (application_id, id, org_id, user_id, meter, value, occurred_at, period_key, result, stripe_meter_event)
      SELECT p_app, e.id, e.org, e.usr, e.meter, e.value, e.at, e.key, a.result, e.stripe
      FROM unnest(accepted, outcomes) AS a(n, result)
      JOIN ROWS FROM (jsonb_to_recordset(p_events)
        AS (id text, org text, usr text, meter text, value numeric, at timestamptz, key text, stripe text))
        WITH ORDINALITY AS e(id, org, usr, meter, value, at, key, stripe, n) ON e.n = a.n
      -- In id order: two calls inserting the same ids (for other counters) wait on each other in one order, never in a cycle.
      ORDER BY e.id
      ON CONFLICT DO NOTHING
      RETURNING usage_events.id, usage_events.org_id, usage_events.meter, usage_events.period_key, usage_events.value, usage_events.occurred_at
    ), counted AS (
      UPDATE usage_counters c SET total = c.total + s.amount
      FROM (SELECT i.org_id, i.meter, i.period_key, sum(i.value) AS amount FROM ins i GROUP BY 1, 2, 3) s
      WHERE c.application_id = p_app AND c.org_id = s.org_id AND c.meter = s.meter AND c.period_key = s.period_key
      RETURNING 1
    ), hourly AS (
      INSERT INTO usage_hourly (application_id, org_id, meter, hour, value)
      SELECT p_app, i.org_id, i.meter, date_trunc('hour', i.occurred_at, 'UTC'), sum(i.value) FROM ins i
      GROUP BY 2, 3, 4 ORDER BY 2, 3, 4
      ON CONFLICT (application_id, org_id, meter, hour) DO UPDATE SET value = usage_hourly.value + excluded.value
      RETURNING 1
    )
    SELECT coalesce(array_agg(ins.id), '{}') INTO inserted FROM ins;

    IF cardinality(inserted) < cardinality(accepted) THEN
      -- Another request recorded one of these ids meanwhile (for another counter): it is a duplicate.
      SELECT array_agg(CASE
          WHEN r ->> 'status' = 'recorded' AND NOT (r ->> 'id' = ANY (inserted)) THEN
            jsonb_build_object('id', r ->> 'id', 'status', 'duplicate')
              || (SELECT u.result FROM usage_events u WHERE u.application_id = p_app AND u.id = r ->> 'id')
          ELSE r END ORDER BY t.n)
      INTO results FROM unnest(results) WITH ORDINALITY AS t(r, n);
    END IF;
  END IF;

  RETURN to_jsonb(results);
END;
$$;
