using System.Security.Cryptography;
using System.Text;

namespace VolumeBackup.Server.Identity.Keystone;

/// <summary>
/// Validated tokens, keyed on the SHA-256 of the token (the cache never holds a token's text, so a memory dump or a
/// debugger shows no usable credential). Holds at most <c>capacity</c> entries and evicts the least recently used one
/// beyond that; each entry carries the instant it stops being valid (the caller picks it, never past the token's own
/// expiry) and is dropped when read after it. Thread-safe.
/// </summary>
internal sealed class TokenCache(int capacity)
{
    private readonly Dictionary<TokenKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byUse = []; // most recently used first
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public static TokenKey KeyOf(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return new TokenKey(Convert.ToHexString(hash));
    }

    /// <summary>The cached token, or null when there is none or it is no longer valid at <paramref name="now"/>.</summary>
    public ValidatedToken? TryGet(TokenKey key, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            if (now >= node.Value.ValidUntil)
            {
                Remove(node);
                return null;
            }

            _byUse.Remove(node);
            _byUse.AddFirst(node);
            return node.Value.Token;
        }
    }

    /// <summary>Keeps <paramref name="token"/> until <paramref name="validUntil"/>; nothing when that is not after <paramref name="now"/>.</summary>
    public void Set(TokenKey key, ValidatedToken token, DateTimeOffset validUntil, DateTimeOffset now)
    {
        if (capacity <= 0 || validUntil <= now)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                Remove(existing);
            }

            while (_entries.Count >= capacity)
            {
                Remove(_byUse.Last!);
            }

            _entries[key] = _byUse.AddFirst(new Entry(key, token, validUntil));
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _byUse.Remove(node);
        _entries.Remove(node.Value.Key);
    }

    private sealed record Entry(TokenKey Key, ValidatedToken Token, DateTimeOffset ValidUntil);
}

/// <summary>The SHA-256 of a token, in hex: what the cache keys on instead of the token.</summary>
internal readonly record struct TokenKey(string Sha256);
