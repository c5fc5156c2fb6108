namespace VolumeBackup.Testing.ObjectStores;

/// <summary>What <see cref="FaultyTcpProxy"/> does to one client connection.</summary>
public enum TcpFault
{
    /// <summary>Forwards both ways untouched.</summary>
    None,

    /// <summary>Reads the first request head, answers <c>503 Service Unavailable</c> and closes.</summary>
    ServiceUnavailable,

    /// <summary>Forwards, then resets the connection (TCP RST) after <see cref="FaultyTcpProxy.ResetAfterBytes"/> response bytes.</summary>
    Reset,

    /// <summary>Holds the first response bytes back for <see cref="FaultyTcpProxy.SlowDelay"/>.</summary>
    Slow,
}
