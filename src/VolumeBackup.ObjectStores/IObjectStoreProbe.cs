namespace VolumeBackup.ObjectStores;

/// <summary>A provider that can check the store behind it as a whole, for readiness checks (<c>/healthz</c>).</summary>
public interface IObjectStoreProbe
{
    /// <summary>One quick check: can the store be reached, does it take writes, has it room left.</summary>
    Task<ObjectStoreHealth> ProbeAsync(CancellationToken ct);
}

/// <summary>The outcome of <see cref="IObjectStoreProbe.ProbeAsync"/>; <see cref="Word"/> is what <c>/healthz</c> shows.</summary>
public sealed record ObjectStoreHealth(bool IsHealthy, string Word)
{
    public static readonly ObjectStoreHealth Ok = new(true, "ok");
    public static readonly ObjectStoreHealth Full = new(false, "full");
    public static readonly ObjectStoreHealth Unreachable = new(false, "unreachable");
    public static readonly ObjectStoreHealth AccessDenied = new(false, "access denied");
    public static readonly ObjectStoreHealth NotWritable = new(false, "not writable");

    public static ObjectStoreHealth Of(ObjectStoreException e) => e.Kind switch
    {
        ObjectStoreErrorKind.Full => Full,
        ObjectStoreErrorKind.Unavailable => Unreachable,
        ObjectStoreErrorKind.AccessDenied => AccessDenied,
        _ => NotWritable,
    };
}
