namespace VolumeBackup.Server.Hosting;

/// <summary>The console log (section <c>VolumeBackup:Logging</c>).</summary>
internal sealed class LoggingOptions
{
    public const string Text = "text";
    public const string Json = "json";

    /// <summary><c>text</c> (the default: one readable line per message) or <c>json</c> (one JSON object per line, for log collectors).</summary>
    public string Format { get; set; } = Text;

    public static bool IsValidFormat(string? format) =>
        string.Equals(format, Text, StringComparison.OrdinalIgnoreCase) || string.Equals(format, Json, StringComparison.OrdinalIgnoreCase);

    public bool IsJson => string.Equals(Format, Json, StringComparison.OrdinalIgnoreCase);
}
