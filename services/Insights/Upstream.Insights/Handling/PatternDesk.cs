using Microsoft.EntityFrameworkCore;
using Upstream.Insights.Data;
using Upstream.Insights.Domain;
using Upstream.ServiceDefaults.Identity;

namespace Upstream.Insights.Handling;

/// <summary>
/// The patterns in what the network found, for staff and partners. A view reads the counts the database keeps as
/// findings arrive (Data/Migrations/0007_pattern_counts.sql), not the findings, so its cost does not grow with the
/// store; only each dimension's few most recent findings are read, newest first by an index.
/// </summary>
public sealed class PatternDesk(InsightsDb db)
{
    public async Task<Patterns> PatternsAsync(Caller caller, PatternFilter filter, CancellationToken cancellationToken)
    {
        caller.RequireStaffOrPartner("read the patterns");
        var counts = await CountsAsync(filter, cancellationToken);
        var barriers = await BarriersAsync(filter, cancellationToken);

        // Where the counts say nothing matches (every finding is a driver, barrier or enabler), the index would be
        // walked to its end to find no finding, so only dimensions with findings are looked up.
        var counted = NewOperatingModels.Dimensions
            .Where(d => counts.Any(c => c.Facet == FacetCount.Dimension && c.Key == d && c.Drivers + c.Barriers + c.Enablers > 0)).ToArray();
        var recent = (await RecentAsync(filter, counted, cancellationToken))
            .GroupBy(f => f.Dimension)
            .ToDictionary(g => g.Key, IReadOnlyList<Evidence> (g) => [.. g.OrderByDescending(f => f.OccurredAt).ThenBy(f => f.Id)]);
        return Patterns.Of(counts, barriers, recent);
    }

    // One pass over the counts sums every facet: each key grouped without case (and shown as its first spelling in
    // ordinal order); months and dimensions are the service's own spellings and match exactly. A finding counts
    // once under each of its area characters.
    private Task<List<FacetCount>> CountsAsync(PatternFilter filter, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<FacetCount>($"""
            WITH cells AS MATERIALIZED (
                SELECT * FROM pattern_counts
                WHERE ({filter.Theme} = '' OR lower(theme) = lower({filter.Theme}))
                  AND ({filter.Region} = '' OR lower(region) = lower({filter.Region}))
                  AND ({filter.Phase} = '' OR lower(phase) = lower({filter.Phase}))
                  AND ({filter.AreaCharacter} = '' OR EXISTS (
                      SELECT FROM jsonb_array_elements_text(area_characters) AS a WHERE lower(a) = lower({filter.AreaCharacter})))),
            summed AS (
                SELECT CASE GROUPING(lower(theme), lower(region), lower(phase), month, dimension)
                           WHEN 15 THEN {FacetCount.Theme} WHEN 23 THEN {FacetCount.Region} WHEN 27 THEN {FacetCount.Phase}
                           WHEN 29 THEN {FacetCount.Month} ELSE {FacetCount.Dimension} END AS facet,
                       CASE GROUPING(lower(theme), lower(region), lower(phase), month, dimension)
                           WHEN 15 THEN min(theme COLLATE "C") WHEN 23 THEN min(region COLLATE "C") WHEN 27 THEN min(phase COLLATE "C")
                           WHEN 29 THEN month ELSE dimension END AS key,
                       sum(findings) FILTER (WHERE kind = 'driver') AS drivers,
                       sum(findings) FILTER (WHERE kind = 'barrier') AS barriers,
                       sum(findings) FILTER (WHERE kind = 'enabler') AS enablers
                FROM cells
                GROUP BY GROUPING SETS ((lower(theme)), (lower(region)), (lower(phase)), (month), (dimension))
                UNION ALL
                SELECT {FacetCount.AreaCharacter}, min(a COLLATE "C"),
                       sum(findings) FILTER (WHERE kind = 'driver'),
                       sum(findings) FILTER (WHERE kind = 'barrier'),
                       sum(findings) FILTER (WHERE kind = 'enabler')
                FROM cells, jsonb_array_elements_text(area_characters) AS a
                GROUP BY lower(a))
            SELECT facet AS "Facet", key AS "Key", coalesce(drivers, 0)::int AS "Drivers", coalesce(barriers, 0)::int AS "Barriers", coalesce(enablers, 0)::int AS "Enablers"
            FROM summed
            WHERE key <> ''
            """).ToListAsync(cancellationToken);

    // The tallies are kept per scope (every combination of region, area character and phase, '' for any), so a
    // view's ten barriers are the first rows of its scope whatever the filter.
    private Task<List<FrequentBarrier>> BarriersAsync(PatternFilter filter, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<FrequentBarrier>($"""
            SELECT theme AS "Theme", text AS "Text", councils AS "Councils"
            FROM barrier_tallies
            WHERE region_key = lower({filter.Region}) AND area_key = lower({filter.AreaCharacter}) AND phase_key = lower({filter.Phase})
              AND ({filter.Theme} = '' OR lower(theme) = lower({filter.Theme}))
            ORDER BY councils DESC, text COLLATE "C"
            LIMIT {FrequentBarrier.Listed}
            """).ToListAsync(cancellationToken);

    // Each dimension's most recent findings, newest first by the index on (dimension, occurred_at), in one query.
    private Task<List<Evidence>> RecentAsync(PatternFilter filter, string[] dimensions, CancellationToken cancellationToken) =>
        db.Evidence.FromSql($"""
            SELECT recent.* FROM unnest({dimensions}) AS d(dimension)
            CROSS JOIN LATERAL (
                SELECT * FROM evidence e
                WHERE e.source = 'Finding' AND e.dimension = d.dimension
                  AND ({filter.Theme} = '' OR lower(e.theme) = lower({filter.Theme}))
                  AND ({filter.Region} = '' OR lower(e.region) = lower({filter.Region}))
                  AND ({filter.Phase} = '' OR lower(e.phase) = lower({filter.Phase}))
                  AND ({filter.AreaCharacter} = '' OR EXISTS (
                      SELECT FROM jsonb_array_elements_text(e.area_characters) AS a WHERE lower(a) = lower({filter.AreaCharacter})))
                ORDER BY e.occurred_at DESC, e.id
                LIMIT {DimensionView.ListedFindings}) AS recent
            """).AsNoTracking().ToListAsync(cancellationToken);
}
