using System.CommandLine;
using Spectre.Console;
using Upstream.Cli.Connection;
using Upstream.Cli.Output;
using Upstream.Events.V1;

namespace Upstream.Cli.Commands;

/// <summary>upstream events list | attendance EVENT; claims pending [--event EVENT] | approve CLAIM | pay CLAIM --reference REF.</summary>
public static class EventCommands
{
    public static Command Events(CliConsole console)
    {
        var eventId = new Argument<string>("EVENT") { Description = "The programme event's id." };
        return new Command("events", "Residentials, roundtables and other programme events.").With(
            new Command("list", "Every programme event.").Runs(console, async (parse, connection, ct) =>
            {
                var events = (await connection.Client<ProgrammeEventService.ProgrammeEventServiceClient>("events").ListProgrammeEventsAsync(new ListProgrammeEventsRequest(), cancellationToken: ct)).ProgrammeEvents;
                if (parse.Json())
                {
                    console.Json(events);
                }
                else
                {
                    console.Table(events, ("Id", e => e.ProgrammeEventId), ("Kind", e => Render.Words(e.Kind)), ("Title", e => e.Title), ("Starts", e => Render.Time(e.StartsAt)),
                        ("Ends", e => Render.Time(e.EndsAt)), ("Capacity", e => e.Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }

                return ExitCodes.Ok;
            }),
            new Command("attendance", "Who registered for an event and which days they attended or missed.").With(eventId).Runs(console, async (parse, connection, ct) =>
            {
                var registrations = (await connection.Client<EventRegistrationService.EventRegistrationServiceClient>("events")
                    .ListEventRegistrationsAsync(new ListEventRegistrationsRequest { ProgrammeEventId = parse.GetRequiredValue(eventId) }, cancellationToken: ct)).Registrations;
                if (parse.Json())
                {
                    console.Json(registrations);
                }
                else
                {
                    console.Table(registrations, ("Council", r => r.CouncilCode), ("Person", r => r.PersonId), ("State", r => Render.Words(r.State)),
                        ("Attended", r => string.Join(", ", r.DaysAttended)), ("Missed", r => string.Join(", ", r.DaysMissed)));
                }

                return ExitCodes.Ok;
            }));
    }

    public static Command Claims(CliConsole console)
    {
        var eventId = new Option<string?>("--event") { Description = "Only this event's claims (default: every event's)." };
        var claimId = new Argument<string>("CLAIM") { Description = "The expense claim's id." };
        var reference = new Option<string>("--reference") { Description = "The payment's reference.", Required = true };
        return new Command("claims", "Expense claims for programme events.").With(
            new Command("pending", "Submitted claims waiting for a decision.").With(eventId).Runs(console, async (parse, connection, ct) =>
            {
                var events = connection.Client<ProgrammeEventService.ProgrammeEventServiceClient>("events");
                var claims = connection.Client<ExpenseClaimService.ExpenseClaimServiceClient>("events");
                var eventIds = parse.GetValue(eventId) is { } one ? [one]
                    : (await events.ListProgrammeEventsAsync(new ListProgrammeEventsRequest(), cancellationToken: ct)).ProgrammeEvents.Select(e => e.ProgrammeEventId).ToList();
                var pending = new List<ExpenseClaim>();
                foreach (var id in eventIds)
                {
                    pending.AddRange((await claims.ListExpenseClaimsAsync(new ListExpenseClaimsRequest { ProgrammeEventId = id }, cancellationToken: ct)).Claims
                        .Where(c => c.State == ExpenseClaimState.Submitted));
                }

                if (parse.Json())
                {
                    console.Json(pending);
                }
                else
                {
                    console.Table(pending, ("Claim", c => c.ClaimId), ("Event", c => c.ProgrammeEventId), ("Council", c => c.CouncilCode), ("Person", c => c.PersonId),
                        ("Total", c => Render.Pounds(c.TotalPence)), ("Submitted", c => Render.Time(c.SubmittedAt)));
                }

                return ExitCodes.Ok;
            }),
            new Command("approve", "Approves a submitted claim.").With(claimId).Runs(console, async (parse, connection, ct) =>
                Show(console, parse, await connection.Client<ExpenseClaimService.ExpenseClaimServiceClient>("events")
                    .ApproveExpenseClaimAsync(new ApproveExpenseClaimRequest { ClaimId = parse.GetRequiredValue(claimId) }, cancellationToken: ct))),
            new Command("pay", "Records an approved claim as paid.").With(claimId, reference).Runs(console, async (parse, connection, ct) =>
                Show(console, parse, await connection.Client<ExpenseClaimService.ExpenseClaimServiceClient>("events")
                    .PayExpenseClaimAsync(new PayExpenseClaimRequest { ClaimId = parse.GetRequiredValue(claimId), PaymentReference = parse.GetRequiredValue(reference) }, cancellationToken: ct))));
    }

    private static int Show(CliConsole console, ParseResult parse, ExpenseClaim claim)
    {
        if (parse.Json())
        {
            console.Json(claim);
        }
        else
        {
            console.Out.WriteLine($"Claim {claim.ClaimId}: {Render.Words(claim.State)}, {Render.Pounds(claim.TotalPence)}.");
        }

        return ExitCodes.Ok;
    }
}
