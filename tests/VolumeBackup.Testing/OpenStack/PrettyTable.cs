namespace VolumeBackup.Testing.OpenStack;

/// <summary>
/// Reads the tables <c>cinder</c> prints (Python prettytable): <c>+---+</c> rules, a header row, then rows of
/// <c>| cell | cell |</c>. cinderclient has no JSON output, so its tables are what a script would read too.
/// </summary>
public static class PrettyTable
{
    /// <summary>Every row after the header, as header -> trimmed cell.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Parse(string text)
    {
        var lines = text.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.StartsWith('|'))
            .Select(Cells)
            .ToList();
        if (lines.Count == 0)
        {
            return [];
        }

        var header = lines[0];
        return [.. lines.Skip(1).Select(cells => (IReadOnlyDictionary<string, string>)header
            .Select((name, i) => (name, value: i < cells.Count ? cells[i] : string.Empty))
            .ToDictionary(pair => pair.name, pair => pair.value, StringComparer.Ordinal))];
    }

    /// <summary>A Property/Value table as property -> value (a value printed over several lines keeps its first line).</summary>
    public static IReadOnlyDictionary<string, string> ParseProperties(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in Parse(text))
        {
            var property = row.GetValueOrDefault("Property", string.Empty);
            if (property.Length > 0)
            {
                result.TryAdd(property, row.GetValueOrDefault("Value", string.Empty));
            }
        }

        return result;
    }

    private static List<string> Cells(string line) =>
        [.. line.Trim().Trim('|').Split('|').Select(cell => cell.Trim())];
}
