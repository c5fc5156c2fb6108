namespace VolumeBackup.Contracts.Faults;

/// <summary>The top-level keys of the spec's fault bodies.</summary>
public static class FaultNames
{
    public const string BadRequest = "badRequest";
    public const string ItemNotFound = "itemNotFound";
    public const string CloudServersFault = "cloudServersFault";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string BadMethod = "badMethod";
    public const string BadMediaType = "badMediaType";
}
