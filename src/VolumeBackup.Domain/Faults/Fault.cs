namespace VolumeBackup.Domain.Faults;

/// <summary>
/// A failure the API reports to the client: the top-level key of the fault body (<c>badRequest</c>, <c>itemNotFound</c>...),
/// the HTTP status code and the message. Only the spec's messages (see <see cref="FaultMessages"/>) reach clients.
/// </summary>
public sealed record Fault(string Name, int Code, string Message)
{
    public static Fault BadRequest(string message) => new("badRequest", 400, message);

    /// <summary>
    /// A quota would be exceeded: the HP spec answers its 400, and the Cinder surface turns the same fault into its
    /// 413 <c>overLimit</c> (see <see cref="OverQuota"/>).
    /// </summary>
    public static Fault QuotaExceeded(string message) => BadRequest(message) with { OverQuota = true };

    /// <summary>True when the request failed on a quota, whatever the surface shows for it.</summary>
    public bool OverQuota { get; init; }

    public static Fault ItemNotFound(string message) => new("itemNotFound", 404, message);

    public static Fault Unauthorized(string message) => new("unauthorized", 401, message);

    public static Fault Forbidden(string message) => new("forbidden", 403, message);

    public static Fault BadMethod() => new("badMethod", 405, FaultMessages.MethodNotAllowed);


    public static Fault BadMediaType(string message) => new("badMediaType", 415, message);

    /// <summary>
    /// The service cannot take the request now (its own disk is full, say): a retry later may succeed. The answer
    /// carries <c>Retry-After</c> so that clients wait that long instead of hammering a service that is already short.
    /// </summary>
    public static Fault ServiceUnavailable(string message, TimeSpan retryAfter) =>
        new("serviceUnavailable", 503, message) { RetryAfter = retryAfter };

    /// <summary>How long the client should wait before trying again; sent as <c>Retry-After</c> in whole seconds.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Any unexpected failure: the details go to the log only.</summary>
    public static Fault ServerError() => new("cloudServersFault", 500, FaultMessages.ServerError);
}
