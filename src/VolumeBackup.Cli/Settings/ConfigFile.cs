using System.Text.Json;

namespace VolumeBackup.Cli.Settings;

/// <summary>Finds and reads the config file.</summary>
internal static class ConfigFile
{
    public const string PathVariable = "VOLUME_BACKUP_CONFIG";

    /// <summary><c>$XDG_CONFIG_HOME/volume-backup/config.json</c>, by default <c>~/.config/volume-backup/config.json</c>.</summary>
    public static string DefaultPath(CliEnvironment environment)
    {
        var configHome = environment.GetVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(configHome))
        {
            configHome = Path.Combine(environment.HomeDirectory, ".config");
        }

        return Path.Combine(configHome, "volume-backup", "config.json");
    }

    /// <summary>
    /// Reads <paramref name="path"/>. A missing default file is simply empty; a file the user named explicitly must
    /// exist. A file that is not valid JSON is a usage error naming the file, never silently ignored.
    /// </summary>
    public static ConfigFileValues Load(string path, bool explicitlyNamed)
    {
        if (!File.Exists(path))
        {
            return explicitlyNamed ? throw new UsageException($"The config file {path} does not exist.") : ConfigFileValues.Empty;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, SettingsJsonContext.Default.ConfigFileValues) ?? ConfigFileValues.Empty;
        }
        catch (JsonException e)
        {
            throw new UsageException($"The config file {path} is not valid JSON: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new UsageException($"The config file {path} cannot be read: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"The config file {path} cannot be read: {e.Message}", e);
        }
    }
}
