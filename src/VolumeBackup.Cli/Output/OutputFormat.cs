namespace VolumeBackup.Cli.Output;

/// <summary>How results are printed: readable tables, or the API's JSON objects for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
