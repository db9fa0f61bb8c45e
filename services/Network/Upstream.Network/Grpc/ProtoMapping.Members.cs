using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Upstream.Domain.Refusals;
using Upstream.Network.Domain;
using Upstream.Network.Handling;

namespace Upstream.Network.Grpc;

/// <summary>
/// Between the wire contract and the domain for members, people, the directory, phases and partners. Reading
/// collects every field problem (named by its proto field path) before anything runs.
/// </summary>
public static partial class ProtoMapping
{
    private const string LondonDate = "yyyy-MM-dd";

    public static V1.Member ToProto(this Member member, string version)
    {
        var proto = new V1.Member
        {
            Id = member.Id.ToString(),
            CouncilCode = member.CouncilCode,
            CouncilName = member.CouncilName,
            Region = member.Region,
            CouncilType = member.CouncilType,
            GssCode = member.GssCode,
            Initiative = member.Initiative.ToProto(),
            Joined = Timestamp.FromDateTimeOffset(member.JoinedAt),
            Current = member.IsCurrent,
            Left = member.LeftAt is { } left ? Timestamp.FromDateTimeOffset(left) : null,
            LeftReason = member.LeftReason ?? "",
            Version = version,
        };
        proto.AreaCharacters.AddRange(member.AreaCharacters);
        proto.EarlierPeriods.AddRange(member.EarlierPeriods.Select(p => new V1.MembershipPeriod
        {
            Joined = Timestamp.FromDateTimeOffset(p.JoinedAt),
            Left = Timestamp.FromDateTimeOffset(p.LeftAt),
            Reason = p.Reason,
        }));
        proto.DelegatePersonIds.AddRange(member.DelegateIds.Select(id => id.ToString()));
        return proto;
    }

    public static V1.MemberInitiative ToProto(this MemberInitiative initiative) => new()
    {
        Title = initiative.Title,
        Summary = initiative.Summary,
        UpstreamProblem = initiative.UpstreamProblem,
        ServiceArea = initiative.ServiceArea,
        Stage = initiative.Stage,
    };

    public static MemberInitiative FromProto(this V1.MemberInitiative? initiative)
    {
        var v = new Violations();
        v.Require(initiative is not null, "initiative", "Give the member's initiative.");
        v.ThrowIfAny();
        return new MemberInitiative(initiative!.Title, initiative.Summary, initiative.UpstreamProblem, initiative.ServiceArea, initiative.Stage.Trim().ToLowerInvariant());
    }

    public static V1.Person ToProto(this Person person, Member member) => new()
    {
        Id = person.Id.ToString(),
        CouncilCode = person.CouncilCode,
        Name = person.Name,
        Role = person.Role,
        Email = person.Email,
        DirectoryConsent = person.DirectoryConsent,
        ResidentialDelegate = member.DelegateIds.Contains(person.Id),
        Erased = person.IsErased,
    };

    public static PersonDetails FromProto(this V1.PersonDetails? details)
    {
        var v = new Violations();
        v.Require(details is not null, "details", "Give the person's name, role and work email.");
        v.ThrowIfAny();
        return new PersonDetails(details!.Name, details.Role, details.Email, details.DirectoryConsent);
    }

    public static V1.DelegateChange ToProto(this DelegateChange change)
    {
        var proto = new V1.DelegateChange
        {
            CouncilCode = change.CouncilCode,
            ChangedBy = change.ChangedBy,
            ChangedAt = Timestamp.FromDateTimeOffset(change.ChangedAt),
            Cause = change.Cause.ToString().ToLowerInvariant(),
        };
        proto.BeforePersonIds.AddRange(change.Before.Select(id => id.ToString()));
        proto.AfterPersonIds.AddRange(change.After.Select(id => id.ToString()));
        return proto;
    }

    /// <summary>A person's id from a request field; malformed is a field violation, not NOT_FOUND.</summary>
    public static Guid PersonId(string value, string field = "person_id")
    {
        var v = new Violations();
        v.Require(Guid.TryParse(value, out var id), field, "Give a person id as returned by the service.");
        v.ThrowIfAny();
        return id;
    }

    public static List<Guid> DelegateIds(this V1.SetDelegatesRequest request)
    {
        var v = new Violations();
        var ids = new List<Guid>();
        for (var i = 0; i < request.PersonIds.Count; i++)
        {
            v.Require(Guid.TryParse(request.PersonIds[i], out var id), $"person_ids[{i}]", "Give a person id as returned by the service.");
            ids.Add(id);
        }

        v.ThrowIfAny();
        return ids;
    }

    public static V1.DirectoryListing ToProto(this DirectoryListing listing, bool staff)
    {
        var member = listing.Member;
        var proto = new V1.DirectoryListing
        {
            CouncilCode = member.CouncilCode,
            CouncilName = member.CouncilName,
            Region = member.Region,
            Initiative = member.Initiative.ToProto(),
        };
        proto.AreaCharacters.AddRange(member.AreaCharacters);
        proto.People.AddRange(listing.People.Select(p => new V1.DirectoryPerson
        {
            PersonId = p.Id.ToString(),
            Name = p.Name,
            Role = p.Role,
            Email = p.Email,
            ResidentialDelegate = member.DelegateIds.Contains(p.Id),
            DirectoryConsent = staff && p.DirectoryConsent,
        }));
        return proto;
    }

    public static V1.PhaseSchedule ToProto(this IReadOnlyList<ProgrammePhase> schedule)
    {
        var proto = new V1.PhaseSchedule { CurrentPhase = PhaseDesk.Current(schedule)?.Name ?? "" };
        proto.Phases.AddRange(schedule.Select(p => new V1.ProgrammePhase
        {
            Phase = p.Name,
            StartsOn = p.StartsOn.ToString(LondonDate, CultureInfo.InvariantCulture),
            EndsOn = p.EndsOn?.ToString(LondonDate, CultureInfo.InvariantCulture) ?? "",
            Started = Timestamp.FromDateTimeOffset(p.StartedAt),
        }));
        return proto;
    }

    /// <summary>The phase's name and its London dates; a malformed date is a field violation, told with the others.</summary>
    public static (string Phase, DateOnly? StartsOn, DateOnly? EndsOn) FromProto(this V1.StartPhaseRequest request)
    {
        var v = new Violations();
        var startsOn = OptionalLondonDate(request.StartsOn, "starts_on", v);
        var endsOn = OptionalLondonDate(request.EndsOn, "ends_on", v);
        v.ThrowIfAny();
        return (request.Phase.Trim().ToLowerInvariant(), startsOn, endsOn);
    }

    public static V1.Partner ToProto(this Partner partner) => new()
    {
        Id = partner.Id.ToString(),
        Name = partner.Name,
        Kind = partner.Kind,
        Added = Timestamp.FromDateTimeOffset(partner.AddedAt),
    };

    private static DateOnly? OptionalLondonDate(string value, string field, Violations v)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        v.Require(DateOnly.TryParseExact(value.Trim(), LondonDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), field, "Give a date as YYYY-MM-DD (London).");
        return date;
    }
}
