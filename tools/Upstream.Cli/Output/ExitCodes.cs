using Grpc.Core;

namespace Upstream.Cli.Output;

/// <summary>What the tool's exit code tells a script (listed in --help and the README).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int NotFound = 3;
    public const int PermissionDenied = 4;
    public const int Unavailable = 5;
    public const int Conflict = 6;

    public const string Help = """
        Exit codes:
          0  done
          1  failed (an unexpected error on the service or here)
          2  bad input (invalid arguments or file, a refused row, a rule the request breaks)
          3  not found
          4  permission denied (no token, an expired one, or not staff)
          5  unavailable (the service cannot be reached, or did not answer in time)
          6  conflict (someone changed it first, or it already exists)
        """;

    public static int For(StatusCode status) => status switch
    {
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => BadInput,
        StatusCode.NotFound => NotFound,
        StatusCode.PermissionDenied or StatusCode.Unauthenticated => PermissionDenied,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unavailable,
        StatusCode.AlreadyExists or StatusCode.Aborted => Conflict,
        _ => Failed,
    };
}
