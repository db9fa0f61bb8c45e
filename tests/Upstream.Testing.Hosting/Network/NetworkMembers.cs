using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Upstream.Network.Data;
using Upstream.Network.Domain;
using Upstream.Testing.Hosting;

namespace Upstream.Testing.Network;

/// <summary>
/// Member councils arranged directly in a hosted Network service's database, as its ApplicationSelected consumer would
/// have made them, for tests of what members do once they are in the network.
/// </summary>
public static class NetworkMembers
{
    public static async Task<Member> JoinAsync(ServiceHost network, string code, string name, string region = "South West", params string[] areaCharacters)
    {
        await using var scope = network.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NetworkDb>();
        var member = Member.Join(
            code, name, region, "Unitary authority", "E06000000", areaCharacters.Length == 0 ? ["urban"] : areaCharacters,
            new MemberInitiative("Early help", "Summary", "The upstream problem", "Children's services", "early"), Guid.NewGuid(), network.Clock.Now.AddDays(-30));
        db.Members.Add(member);
        await db.SaveChangesAsync();
        return member;
    }

    /// <summary>Ends a membership in the database (the leaving use case is not this test's concern).</summary>
    public static async Task LeaveAsync(ServiceHost network, string code)
    {
        await using var connection = new NpgsqlConnection(network.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE members SET left_at = now(), left_reason = 'left the programme' WHERE council_code = @code", connection);
        command.Parameters.AddWithValue("code", code);
        if (await command.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException($"{code} is not a member to leave.");
        }
    }
}
