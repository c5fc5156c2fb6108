using System.Text.Json;
using VolumeBackup.Testing;
using VolumeBackup.Testing.Servers;

namespace VolumeBackup.EndToEndTests.Telemetry;

/// <summary>Setting <c>VolumeBackup:Logging:Format</c>: the server process writes its log as JSON lines, or refuses a bad value.</summary>
public sealed class JsonLogTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_format_json_the_server_writes_each_log_message_as_one_json_object_per_line()
    {
        using var data = new TempDataDirectory("vb-jsonlog");
        await using var server = ServerProcess.Start(data.Path, new ServerSettings
        {
            Settings = new Dictionary<string, string>
            {
                ["VolumeBackup:Logging:Format"] = "json",
                ["Logging:LogLevel:Default"] = "Information",
            },
        });
        await server.WaitUntilHealthyAsync(Startup);

        var logLines = await WaitForAsync(server, lines => lines.Any(l => l.Contains("Now listening on", StringComparison.Ordinal)));

        var listening = logLines.Single(l => l.Contains("Now listening on", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(listening);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("Microsoft.Hosting.Lifetime", json.RootElement.GetProperty("Category").GetString());
        Assert.StartsWith("Now listening on: " + server.BaseUrl, json.RootElement.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.TryGetProperty("Timestamp", out _), listening);
        Assert.DoesNotContain("info: Microsoft.Hosting.Lifetime", server.Output, StringComparison.Ordinal); // no text log beside it
        foreach (var line in logLines)
        {
            using var parsed = JsonDocument.Parse(line); // every log line is a whole JSON object
            Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task An_unknown_log_format_stops_the_start_naming_the_key()
    {
        using var data = new TempDataDirectory("vb-jsonlog");
        await using var server = ServerProcess.Start(data.Path, new ServerSettings
        {
            Settings = new Dictionary<string, string> { ["VolumeBackup:Logging:Format"] = "xml" },
        });

        Assert.True(await server.WaitForExitAsync(Startup), server.Output);
        Assert.Equal(2, server.ExitCode);
        Assert.Contains("VolumeBackup:Logging:Format must be text or json", server.Output, StringComparison.Ordinal);
    }

    // The log's lines: the output without what the first start prints for the operator (the generated tokens), which
    // is not a log message.
    private static async Task<List<string>> WaitForAsync(ServerProcess server, Func<List<string>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.StartsWith('{'))
                .ToList();
            if (done(lines) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(lines), "no JSON log line says the server listens:\n" + server.Output);
                return lines;
            }

            await Task.Delay(100);
        }
    }
}
