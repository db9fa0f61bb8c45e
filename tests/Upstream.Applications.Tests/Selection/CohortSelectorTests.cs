using Upstream.Applications.Domain;
using Upstream.Applications.Selection;
using Upstream.Domain.Refusals;

namespace Upstream.Applications.Tests.Selection;

public sealed class CohortSelectorTests
{
    private static readonly DateTimeOffset Submitted = new(2024, 7, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly SelectionQuotas NoQuotas = SelectionQuotas.None;

    [Fact]
    public void On_1500_random_small_cases_the_cohort_is_the_one_a_brute_force_search_finds()
    {
        var failures = new List<string>();
        var (feasible, infeasible) = (0, 0);
        for (var seed = 0; seed < 1500; seed++)
        {
            var request = RandomCases.Make(seed);
            var expected = BruteForce.Best(request);
            var result = CohortSelector.Select(request);
            if (expected is null ? result.IsFeasible || result.Chosen.Count > 0 : !result.IsFeasible || !expected.SequenceEqual(result.Chosen))
            {
                failures.Add($"seed {seed}: expected [{string.Join(", ", expected ?? [])}], got [{string.Join(", ", result.Chosen)}] unmet [{string.Join("; ", result.UnmetQuotas)}]");
            }

            if (!result.Explanations.Select(e => e.ApplicationId).Order().SequenceEqual(request.Candidates.Select(c => c.Id).Order())
                || result.Explanations.Any(e => e.Chosen != result.Chosen.Contains(e.ApplicationId)))
            {
                failures.Add($"seed {seed}: not one explanation per candidate agreeing with the cohort");
            }

            _ = expected is null ? infeasible++ : feasible++;
        }

        Assert.Empty(failures);
        Assert.True(feasible > 500 && infeasible > 200, $"{feasible} feasible and {infeasible} infeasible cases: the generator no longer covers both well.");
    }

    [Fact]
    public void The_cohort_is_the_best_total_even_when_taking_the_top_scorer_first_would_cost_more()
    {
        // Taking A (100) first leaves one place that must be both coastal and rural: D, 180 in all. B + C make 185.
        var a = App(1, "A", "London", AreaCharacter.Urban, 100);
        var b = App(2, "B", "Wales", AreaCharacter.Coastal, 90);
        var c = App(3, "C", "Scotland", AreaCharacter.Rural, 95);
        var d = App(4, "D", "Wales", AreaCharacter.Coastal | AreaCharacter.Rural, 80);
        var quotas = new SelectionQuotas([], [new CharacterQuota(AreaCharacter.Coastal, 1), new CharacterQuota(AreaCharacter.Rural, 1)]);

        var result = CohortSelector.Select(new CohortRequest(2, quotas, [a, b, c, d], [], []));

        Assert.Equal([c.Id, b.Id], result.Chosen);
        Assert.Equal(185_000, result.TotalScoreMilli);
        Assert.Equal(
            (CohortReason.QuotaConflict, "Ranks above B, which was chosen, but exchanging the two would break the coastal minimum of 1."),
            Reason(result, a));
    }

    [Fact]
    public void A_region_minimum_too_few_councils_can_meet_is_named()
    {
        var quotas = new SelectionQuotas([new RegionQuota("North East", 2, 3)], []);
        var apps = new[] { App(1, "A", "North East", AreaCharacter.Urban, 10), App(2, "B", "London", AreaCharacter.Urban, 20), App(3, "C", "London", AreaCharacter.Urban, 30) };

        var result = CohortSelector.Select(new CohortRequest(2, quotas, apps, [], []));

        Assert.False(result.IsFeasible);
        Assert.Empty(result.Chosen);
        Assert.Equal([new UnmetQuota("quotas.regions[North East].minimum", "North East needs at least 2 but only 1 of its councils can be chosen.")], result.UnmetQuotas);
        Assert.All(result.Explanations, e => Assert.Equal(CohortReason.NoCohort, e.Reason));
    }

    [Fact]
    public void Regional_maximums_that_leave_too_few_places_are_named()
    {
        var quotas = new SelectionQuotas([new RegionQuota("Wales", 0, 1), new RegionQuota("London", 0, 1)], []);
        var apps = new[] { App(1, "A", "Wales", AreaCharacter.Rural, 10), App(2, "B", "Wales", AreaCharacter.Rural, 20), App(3, "C", "London", AreaCharacter.Urban, 30), App(4, "D", "London", AreaCharacter.Urban, 40) };

        var result = CohortSelector.Select(new CohortRequest(3, quotas, apps, [], []));

        Assert.Equal([new UnmetQuota("quotas.regions", "The regions' maximums leave room for at most 2 of the 3 places.")], result.UnmetQuotas);
    }

    [Fact]
    public void Quotas_that_conflict_only_together_are_named_together()
    {
        // Two coastal places are needed, but the only coastal councils are in Wales, which may have one place.
        var quotas = new SelectionQuotas([new RegionQuota("Wales", 0, 1), new RegionQuota("London", 0, 2)], [new CharacterQuota(AreaCharacter.Coastal, 2)]);
        var apps = new[]
        {
            App(1, "A", "Wales", AreaCharacter.Coastal, 10), App(2, "B", "Wales", AreaCharacter.Coastal, 20),
            App(3, "C", "London", AreaCharacter.Urban, 30), App(4, "D", "London", AreaCharacter.Urban, 40),
        };

        var result = CohortSelector.Select(new CohortRequest(2, quotas, apps, [], []));

        Assert.Equal(
            [
                new UnmetQuota("quotas.regions[Wales].maximum", "The maximum of 1 for Wales cannot be met together with the coastal minimum of 2."),
                new UnmetQuota("quotas.characters[coastal].minimum", "The coastal minimum of 2 cannot be met together with the maximum of 1 for Wales."),
            ],
            result.UnmetQuotas);
    }

    [Fact]
    public void A_pinned_application_is_in_and_an_excluded_one_is_out_whatever_their_scores()
    {
        var top = App(1, "Top", "London", AreaCharacter.Urban, 100);
        var second = App(2, "Second", "London", AreaCharacter.Urban, 90);
        var third = App(3, "Third", "London", AreaCharacter.Urban, 80);
        var weakest = App(4, "Weakest", "London", AreaCharacter.Urban, 10);

        var result = CohortSelector.Select(new CohortRequest(2, NoQuotas, [top, second, third, weakest], [weakest.Id], [top.Id]));

        Assert.Equal([second.Id, weakest.Id], result.Chosen);
        Assert.Equal((CohortReason.Pinned, "Pinned by staff."), Reason(result, weakest));
        Assert.Equal((CohortReason.ExcludedByStaff, "Excluded by staff."), Reason(result, top));
        Assert.Equal(CohortReason.Outscored, Reason(result, third).Reason);
    }

    [Fact]
    public void Two_pins_from_one_council_are_refused_as_breaking_one_lead_per_council()
    {
        var first = App(1, "Adur", "South East", AreaCharacter.Coastal, 50, council: "ADU");
        var second = App(2, "Adur", "South East", AreaCharacter.Coastal, 40, council: "ADU");
        var other = App(3, "Brent", "London", AreaCharacter.Urban, 30);

        var result = CohortSelector.Select(new CohortRequest(2, NoQuotas, [first, second, other], [first.Id, second.Id], []));

        Assert.Equal(["one_lead_per_council"], result.UnmetQuotas.Select(q => q.Quota));
    }

    [Fact]
    public void Equal_scores_go_to_the_earlier_submission_then_the_lower_id_whatever_the_input_order()
    {
        var later = App(1, "Later", "London", AreaCharacter.Urban, 50, minutesLate: 5);
        var earlierHigherId = App(3, "Earlier, higher id", "London", AreaCharacter.Urban, 50);
        var earlierLowerId = App(2, "Earlier, lower id", "London", AreaCharacter.Urban, 50);
        var orders = new[] { new[] { later, earlierHigherId, earlierLowerId }, [earlierLowerId, later, earlierHigherId], [earlierHigherId, earlierLowerId, later] };

        var results = orders.Select(apps => CohortSelector.Select(new CohortRequest(2, NoQuotas, apps, [], []))).ToList();

        Assert.All(results, r => Assert.Equal([earlierLowerId.Id, earlierHigherId.Id], r.Chosen));
        Assert.All(results, r => Assert.Equal(results[0].Explanations.OrderBy(e => e.ApplicationId), r.Explanations.OrderBy(e => e.ApplicationId)));
    }

    [Fact]
    public void Between_equal_totals_the_cohort_holding_the_better_ranked_application_wins()
    {
        // {A 10, D 4} and {B 8, C 6} both make 14 and both meet the quota; A is the best-ranked, so its cohort wins.
        var a = App(1, "A", "London", AreaCharacter.Urban, 10);
        var b = App(2, "B", "Wales", AreaCharacter.Coastal, 8);
        var c = App(3, "C", "Wales", AreaCharacter.Coastal, 6);
        var d = App(4, "D", "Wales", AreaCharacter.Coastal, 4);
        var quotas = new SelectionQuotas([], [new CharacterQuota(AreaCharacter.Coastal, 1)]);

        var result = CohortSelector.Select(new CohortRequest(2, quotas, [d, c, b, a], [], []));

        Assert.Equal([a.Id, b.Id], result.Chosen);
    }

    [Fact]
    public void A_council_leads_at_most_one_application_in_the_cohort()
    {
        var first = App(1, "Adur", "South East", AreaCharacter.Coastal, 90, council: "ADU");
        var second = App(2, "Adur", "South East", AreaCharacter.Urban, 80, council: "ADU");
        var other = App(3, "Brent", "London", AreaCharacter.Urban, 10);

        var result = CohortSelector.Select(new CohortRequest(2, NoQuotas, [first, second, other], [], []));

        Assert.Equal([first.Id, other.Id], result.Chosen);
        Assert.Equal((CohortReason.CouncilAlreadyChosen, "Another application led by Adur is in the cohort; a council leads at most one."), Reason(result, second));
    }

    [Fact]
    public void Every_application_is_told_why_it_was_or_was_not_chosen()
    {
        var quotas = new SelectionQuotas([new RegionQuota("London", 0, 1)], []);
        var london1 = App(1, "Camden", "London", AreaCharacter.Urban, 100);
        var london2 = App(2, "Brent", "London", AreaCharacter.Urban, 90);
        var wales1 = App(3, "Conwy", "Wales", AreaCharacter.Coastal, 50);
        var wales2 = App(4, "Powys", "Wales", AreaCharacter.Rural, 10);
        var unreviewed = App(5, "Gwynedd", "Wales", AreaCharacter.Rural, 0, ineligible: "No counting review yet.");

        var result = CohortSelector.Select(new CohortRequest(2, quotas, [london1, london2, wales1, wales2, unreviewed], [], []));

        Assert.Equal([london1.Id, wales1.Id], result.Chosen);
        Assert.Equal((CohortReason.ChosenOnScore, "Chosen on score: ranked 1 of 4."), Reason(result, london1));
        Assert.Equal((CohortReason.ChosenForQuota, "Chosen although Brent ranks higher (score 90): exchanging the two would break the maximum of 1 for London."), Reason(result, wales1));
        Assert.Equal((CohortReason.RegionFull, "London already has its maximum of 1, taken by better-ranked or pinned applications."), Reason(result, london2));
        Assert.Equal((CohortReason.Outscored, "Outscored within Wales: the places it could take went to better-ranked applications (the lowest chosen scored 50)."), Reason(result, wales2));
        Assert.Equal((CohortReason.NotEligible, "No counting review yet."), Reason(result, unreviewed));
        Assert.Equal([1, 2, 3, 4, 0], result.Explanations.Select(e => e.Rank));
    }

    [Fact]
    public void Pins_and_exclusions_must_name_applications_that_can_be_chosen()
    {
        var app = App(1, "Camden", "London", AreaCharacter.Urban, 100);
        var unreviewed = App(2, "Brent", "London", AreaCharacter.Urban, 0, ineligible: "No counting review yet.");
        var unknown = Guid.NewGuid();

        var error = Assert.Throws<InvalidInputException>(() => CohortSelector.Select(new CohortRequest(1, NoQuotas, [app, unreviewed], [unknown, unreviewed.Id, app.Id], [app.Id])));

        Assert.Equal(
            [
                new FieldViolation("pinned_application_ids[0]", "No application in the running has this id."),
                new FieldViolation("pinned_application_ids[1]", "Cannot be pinned: No counting review yet."),
                new FieldViolation("excluded_application_ids[0]", "An application cannot be both pinned and excluded."),
            ],
            error.Violations);
    }

    [Fact]
    public void A_search_too_large_to_run_is_refused_up_front_naming_what_to_lower()
    {
        var quotas = new SelectionQuotas([], [new CharacterQuota(AreaCharacter.Urban, 150), new CharacterQuota(AreaCharacter.Rural, 150), new CharacterQuota(AreaCharacter.Coastal, 150)]);

        var error = Assert.Throws<DomainRuleException>(() => CohortSelector.Select(new CohortRequest(200, quotas, [App(1, "A", "London", AreaCharacter.Urban, 1)], [], [])));

        Assert.Equal(("cohort.search_too_large", "A cohort of 200 with these area-character minimums is too large to search exactly; lower the minimums or the cohort size."), (error.Rule, error.Message));
    }

    private static (CohortReason Reason, string Text) Reason(CohortSelection result, Candidate candidate) =>
        result.Explanations.Single(e => e.ApplicationId == candidate.Id) is var e ? (e.Reason, e.Text) : default;

    private static Candidate App(int id, string name, string region, AreaCharacter characters, long points, string? council = null, int minutesLate = 0, string? ineligible = null) =>
        new(new Guid(id, 0, 0, new byte[8]), name, council ?? name.ToUpperInvariant(), region, characters, points * 1000, Submitted.AddMinutes(minutesLate), ineligible);
}
