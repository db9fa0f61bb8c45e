namespace Upstream.Gateway.Edge;

/// <summary>
/// gRPC status codes (google.rpc.Code numbers) to HTTP statuses, by the standard table that gRPC transcoders
/// and Google's APIs use, so a front end sees the HTTP status it expects for each kind of failure.
/// </summary>
public static class StatusMapping
{
    private static readonly (string Name, int Http)[] Table =
    [
        ("OK", 200),
        ("CANCELLED", 499),
        ("UNKNOWN", 500),
        ("INVALID_ARGUMENT", 400),
        ("DEADLINE_EXCEEDED", 504),
        ("NOT_FOUND", 404),
        ("ALREADY_EXISTS", 409),
        ("PERMISSION_DENIED", 403),
        ("RESOURCE_EXHAUSTED", 429),
        ("FAILED_PRECONDITION", 400),
        ("ABORTED", 409),
        ("OUT_OF_RANGE", 400),
        ("UNIMPLEMENTED", 501),
        ("INTERNAL", 500),
        ("UNAVAILABLE", 503),
        ("DATA_LOSS", 500),
        ("UNAUTHENTICATED", 401),
    ];

    public static int ToHttp(int grpcCode) => grpcCode is >= 0 and < 17 ? Table[grpcCode].Http : 500;

    public static string Name(int grpcCode) => grpcCode is >= 0 and < 17 ? Table[grpcCode].Name : "UNKNOWN";
}
