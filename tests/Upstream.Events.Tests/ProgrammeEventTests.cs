using Upstream.Domain.Refusals;
using Upstream.Events.Domain;

namespace Upstream.Events.Tests;

public sealed class ProgrammeEventTests
{
    [Fact]
    public void A_residential_spans_two_London_days_takes_two_per_council_and_covers_expenses()
    {
        var residential = Samples.Scheduled();

        Assert.Equal([new DateOnly(2026, 5, 12), new DateOnly(2026, 5, 13)], residential.Days);
        Assert.Equal((2, true, true), (residential.PerCouncilLimit, residential.AccommodationProvided, residential.ExpensesCovered));
    }

    [Fact]
    public void Bad_details_are_all_named_at_once()
    {
        var details = Samples.Residential(capacity: 0) with
        {
            Title = " ",
            Venue = "",
            Address = "",
            EndsAt = Samples.London(5, 15, 16),
            RegistrationClosesAt = Samples.London(5, 20, 9),
            Sessions = [new EventSession("", "Room 1", Samples.London(6, 1, 9), Samples.London(6, 1, 8))],
        };

        var refused = Assert.Throws<InvalidInputException>(() => ProgrammeEvent.Schedule(details, "staff-1", Samples.Now));

        Assert.Equal(
            ["address", "capacity", "ends_at", "registration_closes_at", "sessions[0].ends_at", "sessions[0].starts_at", "sessions[0].title", "title", "venue"],
            refused.Violations.Select(v => v.Field).Distinct().Order());
    }

    [Fact]
    public void A_roundtable_needs_an_https_link_and_a_past_event_cannot_be_scheduled()
    {
        var roundtable = Samples.Residential() with { Kind = ProgrammeEventKind.Roundtable, OnlineLink = "http://meet.example.org/x", StartsAt = Samples.London(3, 1, 10), EndsAt = Samples.London(3, 1, 11) };

        var refused = Assert.Throws<InvalidInputException>(() => ProgrammeEvent.Schedule(roundtable, "staff-1", Samples.Now));

        Assert.Equal(["online_link", "registration_closes_at", "starts_at"], refused.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void Registrations_take_the_councils_free_slots_wait_beyond_capacity_and_a_third_is_refused()
    {
        var residential = Samples.Scheduled(capacity: 1);

        var first = residential.Register(Guid.NewGuid(), "BIR", "", "", confirmed: 0, [], "member", Samples.Now);
        var second = residential.Register(Guid.NewGuid(), "BIR", "", "", confirmed: 1, [1], "member", Samples.Now);
        var third = Assert.Throws<DomainRuleException>(() => residential.Register(Guid.NewGuid(), "BIR", "", "", confirmed: 1, [1, 2], "member", Samples.Now));

        Assert.Equal([(RegistrationState.Confirmed, 1), (RegistrationState.Waitlisted, 2)], [(first.State, first.CouncilSlot!.Value), (second.State, second.CouncilSlot!.Value)]);
        Assert.Equal("per_council_limit", third.Rule);
    }

    [Fact]
    public void Registration_closes_at_its_time()
    {
        var residential = Samples.Scheduled();

        var late = Assert.Throws<DomainRuleException>(() => residential.Register(Guid.NewGuid(), "BIR", "", "", 0, [], "member", Samples.London(5, 1, 17)));

        Assert.Equal("registration_window", late.Rule);
    }

    [Fact]
    public void Closing_records_each_day_without_a_check_in_and_nothing_changes_after()
    {
        var residential = Samples.Scheduled();
        var registration = residential.Register(Guid.NewGuid(), "BIR", "", "", 0, [], "member", Samples.Now);
        residential.CheckIn(registration, new DateOnly(2026, 5, 12), byStaff: false, Samples.London(5, 12, 9));

        var missed = residential.Close([registration], Samples.London(5, 13, 17));

        Assert.Equal([new DateOnly(2026, 5, 13)], missed.Select(m => m.Day));
        Assert.Equal(ProgrammeEventState.Closed, residential.State);
        Assert.Throws<DomainRuleException>(() => residential.CheckIn(registration, new DateOnly(2026, 5, 13), byStaff: true, Samples.London(5, 14, 9)));
    }

    [Fact]
    public void An_event_that_has_started_cannot_be_cancelled()
    {
        var residential = Samples.Scheduled();

        var refused = Assert.Throws<DomainRuleException>(() => residential.Cancel("Too late", [], Samples.London(5, 12, 11)));

        Assert.Equal("programme_event.started", refused.Rule);
        Assert.Equal(ProgrammeEventState.Scheduled, residential.State);
    }

    [Fact]
    public void A_limit_lowered_by_a_revision_counts_the_slots_held_whatever_their_numbers()
    {
        var residential = Samples.Scheduled();
        var first = residential.Register(Guid.NewGuid(), "BIR", "", "", 0, [], "member", Samples.Now);
        var second = residential.Register(Guid.NewGuid(), "BIR", "", "", 1, [1], "member", Samples.Now);
        first.Cancel(residential, Samples.Now);

        residential.Revise(Samples.Residential() with { PerCouncilLimit = 1 }, [second], Samples.Now);

        // BIR still holds slot 2; slot 1 is free, but its one place is taken.
        var refused = Assert.Throws<DomainRuleException>(() => residential.Register(Guid.NewGuid(), "BIR", "", "", 1, [2], "member", Samples.Now));
        Assert.Equal(("per_council_limit", 1), (refused.Rule, residential.Sequence));
    }
}
