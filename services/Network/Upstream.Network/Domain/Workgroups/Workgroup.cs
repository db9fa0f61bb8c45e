using Upstream.Domain.Refusals;

namespace Upstream.Network.Domain.Workgroups;

/// <summary>
/// A workgroup ("mini-collaborative"): member councils around a theme, led by one of them, committed to a shareable
/// learning product. It always has its lead among its current participants, so the lead cannot simply leave.
/// </summary>
public sealed class Workgroup
{
    public const int MaximumNameLength = 200;

    private readonly List<WorkgroupParticipant> _participants = [];

    private Workgroup()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Theme { get; private set; } = "";

    public Guid LeadMemberId { get; private set; }

    public LearningProductCommitment LearningProduct { get; private set; } = new("", default);

    public string FormedBy { get; private set; } = "";

    public DateTimeOffset FormedAt { get; private set; }

    /// <summary>When its lead or membership last changed.</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>Everyone who ever took part, with when they left; <see cref="Current"/> are those still in it.</summary>
    public IReadOnlyList<WorkgroupParticipant> Participants => _participants;

    public IEnumerable<WorkgroupParticipant> Current => _participants.Where(p => p.IsCurrent);

    /// <param name="today">The London date now: the product cannot be due in the past.</param>
    public static Workgroup Form(string name, string theme, Member lead, LearningProductCommitment learningProduct, DateOnly today, string formedBy, DateTimeOffset now)
    {
        var v = new Violations();
        v.Require(!string.IsNullOrWhiteSpace(name), "name", "Name the workgroup.");
        v.Require(name.Trim().Length <= MaximumNameLength, "name", $"At most {MaximumNameLength} characters.");
        v.Require(!string.IsNullOrWhiteSpace(theme), "theme", "Give the theme the workgroup gathers around.");
        v.Require(!string.IsNullOrWhiteSpace(learningProduct.Description), "learning_product.description", "Say what learning product the group will share.");
        v.Require(learningProduct.DueOn >= today, "learning_product.due_on", "The learning product cannot be due in the past.");
        v.ThrowIfAny();
        RequireCurrent(lead);
        var workgroup = new Workgroup
        {
            Id = Guid.CreateVersion7(now),
            Name = name.Trim(),
            Theme = theme.Trim(),
            LeadMemberId = lead.Id,
            LearningProduct = learningProduct with { Description = learningProduct.Description.Trim() },
            FormedBy = formedBy,
            FormedAt = now,
            ChangedAt = now,
        };
        workgroup._participants.Add(WorkgroupParticipant.Start(workgroup.Id, lead.Id, now));
        return workgroup;
    }

    public bool TakesPart(Guid memberId) => Current.Any(p => p.MemberId == memberId);

    public WorkgroupParticipant Join(Member member, DateTimeOffset now)
    {
        RequireCurrent(member);
        if (TakesPart(member.Id))
        {
            throw new InvalidInputException([new FieldViolation("council_code", $"{member.CouncilName} already takes part in this workgroup.")]);
        }

        var participant = WorkgroupParticipant.Start(Id, member.Id, now);
        _participants.Add(participant);
        return participant;
    }

    public void Leave(Member member, DateTimeOffset now)
    {
        var participant = Current.FirstOrDefault(p => p.MemberId == member.Id)
            ?? throw new InvalidInputException([new FieldViolation("council_code", $"{member.CouncilName} does not take part in this workgroup.")]);
        if (member.Id == LeadMemberId)
        {
            throw new DomainRuleException("workgroup.lead", $"{member.CouncilName} leads this workgroup: hand the lead to another participant before leaving.");
        }

        participant.End(now);
        ChangedAt = now;
    }

    public void HandOverLead(Member to, DateTimeOffset now)
    {
        if (!TakesPart(to.Id))
        {
            throw new InvalidInputException([new FieldViolation("council_code", $"{to.CouncilName} must take part in the workgroup to lead it.")]);
        }

        if (to.Id == LeadMemberId)
        {
            throw new InvalidInputException([new FieldViolation("council_code", $"{to.CouncilName} already leads this workgroup.")]);
        }

        RequireCurrent(to);
        LeadMemberId = to.Id;
        ChangedAt = now;
    }

    private static void RequireCurrent(Member member)
    {
        if (!member.IsCurrent)
        {
            throw new DomainRuleException("member.current", $"{member.CouncilName} is no longer a member of the network.");
        }
    }
}

/// <summary>The shareable learning product a workgroup commits to: what, and by when (a London date).</summary>
public sealed record LearningProductCommitment(string Description, DateOnly DueOn);
