using Grpc.Core;
using Upstream.Network.Data;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>PersonService: a council's people and delegates, the record of delegate changes, export and erasure.</summary>
public sealed class PeopleApi(PeopleDesk people, PersonalDataDesk personalData, MemberDesk members, NetworkDb db) : V1.PersonService.PersonServiceBase
{
    public override async Task<V1.Person> AddPerson(V1.AddPersonRequest request, ServerCallContext context)
    {
        var details = request.Details.FromProto();
        var person = await people.AddAsync(context.Caller(), request.CouncilCode, details, context.CancellationToken);
        return person.ToProto(await db.MemberAsync(person.CouncilCode, context.CancellationToken));
    }

    public override async Task<V1.ListPeopleResponse> ListPeople(V1.ListPeopleRequest request, ServerCallContext context)
    {
        var (member, list) = await people.ListAsync(context.Caller(), request.CouncilCode, context.CancellationToken);
        var response = new V1.ListPeopleResponse();
        response.People.AddRange(list.Select(p => p.ToProto(member)));
        return response;
    }

    public override async Task<V1.Person> UpdatePerson(V1.UpdatePersonRequest request, ServerCallContext context)
    {
        var (id, details) = (ProtoMapping.PersonId(request.PersonId), request.Details.FromProto());
        var person = await people.ReviseAsync(context.Caller(), id, details, context.CancellationToken);
        return person.ToProto(await db.MemberAsync(person.CouncilCode, context.CancellationToken));
    }

    public override async Task<V1.Member> SetDelegates(V1.SetDelegatesRequest request, ServerCallContext context)
    {
        var member = await people.SetDelegatesAsync(context.Caller(), request.CouncilCode, request.DelegateIds(), context.CancellationToken);
        return member.ToProto(members.VersionOf(member));
    }

    public override async Task<V1.ListDelegateChangesResponse> ListDelegateChanges(V1.ListDelegateChangesRequest request, ServerCallContext context)
    {
        var response = new V1.ListDelegateChangesResponse();
        response.Changes.AddRange((await people.DelegateChangesAsync(context.Caller(), request.CouncilCode, context.CancellationToken)).Select(c => c.ToProto()));
        return response;
    }

    public override async Task<V1.PersonExport> ExportPerson(V1.ExportPersonRequest request, ServerCallContext context)
    {
        var id = ProtoMapping.PersonId(request.PersonId);
        return new V1.PersonExport { PersonId = id.ToString(), Json = await personalData.ExportAsync(context.Caller(), id, context.CancellationToken) };
    }

    public override async Task<V1.Person> ErasePerson(V1.ErasePersonRequest request, ServerCallContext context)
    {
        var person = await personalData.EraseAsync(context.Caller(), ProtoMapping.PersonId(request.PersonId), context.CancellationToken);
        return person.ToProto(await db.MemberAsync(person.CouncilCode, context.CancellationToken));
    }
}
