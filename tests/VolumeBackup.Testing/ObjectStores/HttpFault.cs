namespace VolumeBackup.Testing.ObjectStores;

/// <summary>What <see cref="FaultInjectingHandler"/> does to one request.</summary>
public enum HttpFault
{
    None,

    /// <summary>Answers 503 without reaching the server.</summary>
    ServiceUnavailable,

    /// <summary>Answers 429 without reaching the server.</summary>
    TooManyRequests,

    /// <summary>Answers 507 Insufficient Storage without reaching the server (a cluster out of room).</summary>
    InsufficientStorage,

    /// <summary>Fails as a connection reset before any response.</summary>
    ResetBeforeResponse,

    /// <summary>Breaks the body halfway: the request's (the server sees a truncated upload) or else the response's.</summary>
    ResetMidBody,

    /// <summary>Waits <see cref="FaultInjectingHandler.SlowDelay"/> before sending (a server that does not answer in time).</summary>
    Slow,

    /// <summary>Flips one byte of the request body, as a faulty network would; Swift checks the ETag and refuses it.</summary>
    CorruptRequestBody,
}
