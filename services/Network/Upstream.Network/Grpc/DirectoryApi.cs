using Grpc.Core;
using Upstream.Network.Handling;
using Upstream.ServiceDefaults.Grpc;

namespace Upstream.Network.Grpc;

/// <summary>DirectoryService: the member directory, searched by region, theme, area character and stage.</summary>
public sealed class DirectoryApi(DirectoryDesk desk) : V1.DirectoryService.DirectoryServiceBase
{
    public override async Task<V1.SearchDirectoryResponse> SearchDirectory(V1.SearchDirectoryRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var query = new DirectoryQuery(request.Region, request.Theme, request.AreaCharacter, request.Stage);
        var response = new V1.SearchDirectoryResponse();
        response.Listings.AddRange((await desk.SearchAsync(caller, query, context.CancellationToken)).Select(l => l.ToProto(caller.IsStaff)));
        return response;
    }
}
