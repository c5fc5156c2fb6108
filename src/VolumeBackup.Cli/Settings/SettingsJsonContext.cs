using System.Text.Json.Serialization;

namespace VolumeBackup.Cli.Settings;

[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(ConfigFileValues))]
internal sealed partial class SettingsJsonContext : JsonSerializerContext;
