using System.Security.Cryptography;
using System.Text;
using Upstream.Events.V1;

namespace Upstream.Demo;

/// <summary>A residential and two roundtables: invitations as councils join, registrations, attendance, expense claims paid.</summary>
public sealed partial class ProgrammeJourney
{
    /// <summary>
    /// All three start today (London), twenty minutes on at the earliest, so everyone can register first and staff
    /// can record the day's attendance at once (staff record any day that has come). Run in the last minutes before
    /// London midnight, they fall tomorrow and the attendance waits for the day.
    /// </summary>
    private async Task<ScheduledEvents> ScheduleEventsAsync(CancellationToken cancellationToken)
    {
        var schedule = new ProgrammeEventService.ProgrammeEventServiceClient(gateway);
        var now = LondonNow;
        var starts = now.AddSeconds(-now.Second).AddMinutes(20);
        var residential = await schedule.ScheduleProgrammeEventAsync(new ScheduleProgrammeEventRequest
        {
            Details = new ProgrammeEventDetails
            {
                Kind = ProgrammeEventKind.Residential,
                Title = "Upstream residential: starting well",
                Description = "Two days together: the cohort meets, shares its initiatives and plans the discovery phase.",
                Venue = "King's Manor",
                Address = "Exhibition Square, York YO1 7EP",
                StartsAt = Wall(starts),
                EndsAt = Wall(starts.Date.AddDays(1).AddHours(16)),
                RegistrationClosesAt = Wall(starts),
                Capacity = 40,
                PerCouncilLimit = 2,
            },
        }, callers.Staff, cancellationToken: cancellationToken);
        var roundtables = new List<string>();
        foreach (var (title, offset) in new[] { ("Roundtable: data sharing for prevention", 25), ("Roundtable: measuring what did not happen", 40) })
        {
            var roundtable = await schedule.ScheduleProgrammeEventAsync(new ScheduleProgrammeEventRequest
            {
                Details = new ProgrammeEventDetails
                {
                    Kind = ProgrammeEventKind.Roundtable,
                    Title = title,
                    Description = "An hour online with the councils working on it.",
                    OnlineLink = $"https://meet.example.org/upstream/{roundtables.Count + 1}",
                    StartsAt = Wall(starts.AddMinutes(offset)),
                    EndsAt = Wall(starts.AddMinutes(offset + 60)),
                    RegistrationClosesAt = Wall(starts),
                    Capacity = 12,
                },
            }, callers.Staff, cancellationToken: cancellationToken);
            roundtables.Add(roundtable.ProgrammeEventId);
        }

        progress.Report($"Events: a residential and two roundtables scheduled from {starts:HH:mm} London time.");
        return new ScheduledEvents(residential.ProgrammeEventId, roundtables, Day(starts));
    }

    private async Task<EventsHeld> HoldEventsAsync(ScheduledEvents scheduled, NetworkBuilt network, CancellationToken cancellationToken)
    {
        // Events heard MemberJoined too: every new member is invited to the events to come.
        var schedule = new ProgrammeEventService.ProgrammeEventServiceClient(gateway);
        var cohort = network.Delegates.Keys.ToList();
        await EventuallyAsync(
            "Events to invite the new members",
            async () => (await schedule.ListEventInvitationsAsync(new ListEventInvitationsRequest { ProgrammeEventId = scheduled.ResidentialId }, callers.Staff, cancellationToken: cancellationToken)).Invitations.Select(i => i.CouncilCode).ToHashSet(),
            invited => cohort.All(invited.Contains),
            cancellationToken);

        var registrations = new EventRegistrationService.EventRegistrationServiceClient(gateway);
        var places = new List<(string EventId, EventRegistration Registration)>();
        foreach (var council in cohort.Take(12))
        {
            foreach (var person in network.Delegates[council])
            {
                places.Add((scheduled.ResidentialId, await registrations.RegisterForEventAsync(new RegisterForEventRequest { ProgrammeEventId = scheduled.ResidentialId, PersonId = person }, callers.Member(council), cancellationToken: cancellationToken)));
            }
        }

        for (var i = 0; i < scheduled.RoundtableIds.Count; i++)
        {
            foreach (var council in cohort.Skip(i * 7).Take(7))
            {
                var request = new RegisterForEventRequest { ProgrammeEventId = scheduled.RoundtableIds[i], PersonId = network.Delegates[council][0] };
                places.Add((scheduled.RoundtableIds[i], await registrations.RegisterForEventAsync(request, callers.Member(council), cancellationToken: cancellationToken)));
            }
        }

        progress.Report($"Registrations: {places.Count} places booked by delegates.");
        if (scheduled.Day != Day(LondonNow))
        {
            progress.Report("The events fall tomorrow: attendance and expense claims wait for the day.");
            return new EventsHeld(0, []);
        }

        // Staff record who came; one person per event did not make it.
        var attended = places.GroupBy(p => p.EventId).SelectMany(g => g.SkipLast(1)).ToList();
        foreach (var (eventId, registration) in attended)
        {
            await registrations.CheckInToEventAsync(new CheckInToEventRequest { ProgrammeEventId = eventId, RegistrationId = registration.RegistrationId, Day = scheduled.Day }, callers.Staff, cancellationToken: cancellationToken);
        }

        progress.Report($"Attendance: {attended.Count} of {places.Count} checked in.");

        // The residential covers expenses: five councils claim their delegate's travel and meals; staff approve and pay.
        var claims = new ExpenseClaimService.ExpenseClaimServiceClient(gateway);
        var paid = new List<string>();
        foreach (var (eventId, registration) in attended.Where(a => a.EventId == scheduled.ResidentialId).DistinctBy(a => a.Registration.CouncilCode).Take(5))
        {
            var member = callers.Member(registration.CouncilCode);
            var draft = new DraftExpenseClaimRequest { ProgrammeEventId = eventId, RegistrationId = registration.RegistrationId };
            draft.Lines.Add(Line(ExpenseCategory.Travel, "Return rail fare to York", 8_640, scheduled.Day));
            draft.Lines.Add(Line(ExpenseCategory.Subsistence, "Evening meal on the way", 1_850, scheduled.Day));
            var claim = await claims.DraftExpenseClaimAsync(draft, member, cancellationToken: cancellationToken);
            await claims.SubmitExpenseClaimAsync(new SubmitExpenseClaimRequest { ClaimId = claim.ClaimId }, member, cancellationToken: cancellationToken);
            await claims.ApproveExpenseClaimAsync(new ApproveExpenseClaimRequest { ClaimId = claim.ClaimId }, callers.Staff, cancellationToken: cancellationToken);
            await claims.PayExpenseClaimAsync(new PayExpenseClaimRequest { ClaimId = claim.ClaimId, PaymentReference = $"EXP-{registration.CouncilCode}-{paid.Count + 1:000}" }, callers.Finance, cancellationToken: cancellationToken);
            paid.Add(claim.ClaimId);
        }

        progress.Report($"Expenses: {paid.Count} claims submitted, approved and paid.");
        return new EventsHeld(attended.Count, paid);
    }

    private static ExpenseLine Line(ExpenseCategory category, string description, long pence, string day) => new()
    {
        Category = category,
        Description = description,
        AmountPence = pence,
        Receipt = new ExpenseReceipt
        {
            Date = day,
            Supplier = category == ExpenseCategory.Travel ? "National Rail" : "Station café",
            AmountPence = pence,
            FileName = "receipt.pdf",
            FileSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description))),
        },
    };

    private sealed record ScheduledEvents(string ResidentialId, IReadOnlyList<string> RoundtableIds, string Day);

    private sealed record EventsHeld(int Attendances, IReadOnlyList<string> PaidClaimIds);
}
