using Upstream.Domain.Refusals;
using Upstream.Network.Domain.Workgroups;

namespace Upstream.Network.Tests;

public sealed class WorkgroupTests
{
    private static readonly LearningProductCommitment Toolkit = new("A toolkit for early help commissioning", new DateOnly(2031, 3, 31));

    [Fact]
    public void A_workgroup_forms_with_its_lead_as_its_first_participant()
    {
        var workgroup = Workgroup.Form(" Early help ", "Prevention", Councils.Bristol, Toolkit, Councils.Today, "staff-1", Councils.Now);

        Assert.Equal("Early help", workgroup.Name);
        Assert.Equal(Councils.Bristol.Id, workgroup.LeadMemberId);
        Assert.Equal([Councils.Bristol.Id], workgroup.Current.Select(p => p.MemberId));
    }

    [Fact]
    public void Forming_names_every_missing_field_at_once()
    {
        var refused = Assert.Throws<InvalidInputException>(() =>
            Workgroup.Form("", " ", Councils.Bristol, new LearningProductCommitment("", Councils.Today.AddDays(-1)), Councils.Today, "staff-1", Councils.Now));

        Assert.Equal(["name", "theme", "learning_product.description", "learning_product.due_on"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Joining_twice_is_a_field_error_and_rejoining_after_leaving_is_fine()
    {
        var workgroup = Workgroup.Form("Early help", "Prevention", Councils.Bristol, Toolkit, Councils.Today, "staff-1", Councils.Now);
        workgroup.Join(Councils.Adur, Councils.Now);

        var twice = Assert.Throws<InvalidInputException>(() => workgroup.Join(Councils.Adur, Councils.Now));
        Assert.Equal("council_code", Assert.Single(twice.Violations).Field);

        workgroup.Leave(Councils.Adur, Councils.Now.AddDays(1));
        workgroup.Join(Councils.Adur, Councils.Now.AddDays(2));
        Assert.True(workgroup.TakesPart(Councils.Adur.Id));
        Assert.Equal(3, workgroup.Participants.Count);
    }

    [Fact]
    public void The_lead_cannot_leave_until_it_hands_the_lead_over()
    {
        var workgroup = Workgroup.Form("Early help", "Prevention", Councils.Bristol, Toolkit, Councils.Today, "staff-1", Councils.Now);
        workgroup.Join(Councils.Adur, Councils.Now);

        var refused = Assert.Throws<DomainRuleException>(() => workgroup.Leave(Councils.Bristol, Councils.Now));
        Assert.Equal("workgroup.lead", refused.Rule);

        workgroup.HandOverLead(Councils.Adur, Councils.Now);
        workgroup.Leave(Councils.Bristol, Councils.Now);
        Assert.Equal(Councils.Adur.Id, workgroup.LeadMemberId);
        Assert.False(workgroup.TakesPart(Councils.Bristol.Id));
    }

    [Fact]
    public void The_lead_goes_only_to_a_current_participant()
    {
        var workgroup = Workgroup.Form("Early help", "Prevention", Councils.Bristol, Toolkit, Councils.Today, "staff-1", Councils.Now);

        var refused = Assert.Throws<InvalidInputException>(() => workgroup.HandOverLead(Councils.Cornwall, Councils.Now));
        Assert.Equal("council_code", Assert.Single(refused.Violations).Field);
        Assert.Throws<InvalidInputException>(() => workgroup.Leave(Councils.Cornwall, Councils.Now));
    }
}
