using System.Runtime.CompilerServices;

namespace VolumeBackup.Client.Http;

/// <summary>Walks a <c>limit</c>/<c>marker</c> listing page by page.</summary>
internal static class Pager
{
    /// <summary>
    /// Stops at the first empty page, not at a short one: a server may cap <c>limit</c> at its own maximum without
    /// saying so, and a short page then does not mean the end. Also stops when a page brings nothing new, so a server
    /// that ignores <c>marker</c> cannot make this loop forever.
    /// </summary>
    public static async IAsyncEnumerable<T> WalkAsync<T>(
        Func<PageRequest, CancellationToken, Task<IReadOnlyList<T>>> fetchPage,
        Func<T, string> idOf,
        int pageSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        while (true)
        {
            var page = await fetchPage(new PageRequest(pageSize, marker), ct).ConfigureAwait(false);
            var fresh = 0;
            foreach (var item in page)
            {
                if (seen.Add(idOf(item)))
                {
                    fresh++;
                    yield return item;
                }
            }

            if (fresh == 0)
            {
                yield break;
            }

            marker = idOf(page[^1]);
        }
    }
}
