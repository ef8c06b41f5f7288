-- Moving a subtree (organizations.repo.ts moveSubtree) shifts its organisational-life counters: the moved
-- organisation's own row holds its whole subtree's (sub_held, branches_done, expected, present), which its old
-- ancestors lose and its new ancestors gain, summed per row first so that an ancestor of both nets to nothing.
CREATE FUNCTION org_life_counts_move(p_org bigint, p_old_path ltree, p_new_parent_path ltree)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO org_life_counts AS c (org_id, period, type, sub_held, branches_done, expected, present)
  SELECT a.id, f.period, f.type, sum(s.sign * f.sub_held), sum(s.sign * f.branches_done),
         sum(s.sign * f.expected), sum(s.sign * f.present)
    FROM org_life_counts f
   CROSS JOIN (VALUES (-1, subpath(p_old_path, 0, nlevel(p_old_path) - 1)), (1, p_new_parent_path)) AS s(sign, anc)
   CROSS JOIN unnest(string_to_array(s.anc::text, '.')::bigint[]) AS a(id)
   WHERE f.org_id = p_org AND (f.sub_held <> 0 OR f.branches_done <> 0 OR f.expected <> 0 OR f.present <> 0)
   GROUP BY a.id, f.period, f.type
   ORDER BY a.id, f.period, f.type
  ON CONFLICT (org_id, period, type) DO UPDATE
    SET sub_held = c.sub_held + excluded.sub_held, branches_done = c.branches_done + excluded.branches_done,
        expected = c.expected + excluded.expected, present = c.present + excluded.present;
$$;
