using Upstream.Domain.Refusals;
using Upstream.Network.Domain;

namespace Upstream.Network.Tests;

public sealed class MemberTests
{
    private static readonly DateTimeOffset Now = new(2030, 9, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_council_joins_as_a_current_member_on_the_day_it_is_selected()
    {
        var member = Bristol();

        Assert.True(member.IsCurrent);
        Assert.Equal(Now, member.JoinedAt);
        Assert.Equal(["urban", "coastal"], member.AreaCharacters);
    }

    [Fact]
    public void A_member_that_left_rejoins_the_same_record_and_keeps_its_earlier_period()
    {
        var member = Bristol();
        member.Leave("Initiative paused", Now.AddDays(30));

        member.Rejoin("Bristol City Council", "South West", "Unitary authority", "E06000023", ["urban"], Initiative("Second go"), Guid.NewGuid(), Now.AddDays(300));

        Assert.True(member.IsCurrent);
        Assert.Equal(Now.AddDays(300), member.JoinedAt);
        Assert.Equal([new MembershipPeriod(Now, Now.AddDays(30), "Initiative paused")], member.EarlierPeriods);
        Assert.Equal("Second go", member.Initiative.Title);
    }

    [Fact]
    public void A_current_member_cannot_rejoin_and_a_former_one_cannot_leave_again()
    {
        var member = Bristol();
        Assert.Throws<DomainRuleException>(() => member.Rejoin("x", "x", "x", "x", [], Initiative("x"), Guid.NewGuid(), Now));

        member.Leave("Done", Now);

        Assert.Throws<DomainRuleException>(() => member.Leave("Again", Now));
    }

    [Fact]
    public void Leaving_needs_a_reason()
    {
        var refused = Assert.Throws<InvalidInputException>(() => Bristol().Leave(" ", Now));

        Assert.Equal("reason", Assert.Single(refused.Violations).Field);
    }

    [Fact]
    public void At_most_two_delegates_each_one_of_the_councils_own_people_and_every_change_recorded()
    {
        var member = Bristol();
        var (a, b, c, stranger) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var third = Assert.Throws<InvalidInputException>(() => member.NameDelegates([a, b, c], [a, b, c], "staff-1", DelegateCause.Named, Now));
        var foreign = Assert.Throws<InvalidInputException>(() => member.NameDelegates([a, stranger], [a, b, c], "staff-1", DelegateCause.Named, Now));
        var change = member.NameDelegates([a, b], [a, b, c], "member-1", DelegateCause.Named, Now);

        Assert.Equal("person_ids", Assert.Single(third.Violations).Field);
        Assert.Equal("person_ids[1]", Assert.Single(foreign.Violations).Field);
        Assert.Empty(change!.Before);
        Assert.Equal([a, b], change.After);
        Assert.Equal("member-1", change.ChangedBy);
        Assert.Null(member.NameDelegates([a, b], [a, b, c], "member-1", DelegateCause.Named, Now));
        Assert.Equal([b], member.ReleaseDelegate(a, "staff-1", Now)!.After);
        Assert.Equal([b], member.DelegateIds);
    }

    [Fact]
    public void A_person_needs_a_name_and_a_real_email_and_is_out_of_the_directory_until_they_agree()
    {
        var refused = Assert.Throws<InvalidInputException>(() => Person.Add(Bristol(), new PersonDetails("", "Lead", "not an email", false), 0, Now));
        var person = Person.FromContact(Bristol(), "Alex", "Lead", "alex@bristol.gov.uk", 0, Now);

        Assert.Equal(["details.name", "details.email"], refused.Violations.Select(v => v.Field));
        Assert.False(person.DirectoryConsent);
        foreach (var bad in new[] { "alex@bristol", "Alex <alex@bristol.gov.uk>", "alex bristol@gov.uk", "@bristol.gov.uk" })
        {
            Assert.Throws<InvalidInputException>(() => person.Revise(new PersonDetails("Alex", "Lead", bad, true)));
        }
    }

    [Fact]
    public void Erasing_a_person_removes_their_personal_data_once()
    {
        var person = Person.FromContact(Bristol(), "Alex", "Lead", "alex@bristol.gov.uk", 0, Now);
        person.Revise(new PersonDetails("Alex", "Lead", "alex@bristol.gov.uk", true));

        person.Erase(Now);

        Assert.Equal((Person.ErasedName, "", "", false), (person.Name, person.Role, person.Email, person.DirectoryConsent));
        Assert.Throws<DomainRuleException>(() => person.Erase(Now));
        Assert.Throws<DomainRuleException>(() => person.Revise(new PersonDetails("Alex", "Lead", "alex@bristol.gov.uk", true)));
    }

    private static Member Bristol() =>
        Member.Join("BST", "Bristol City Council", "South West", "Unitary authority", "E06000023", ["urban", "coastal"], Initiative("Early help"), Guid.NewGuid(), Now);

    private static MemberInitiative Initiative(string title) => new(title, "Summary", "Problem", "Children's services", "early");
}
