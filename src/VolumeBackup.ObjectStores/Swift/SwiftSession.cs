namespace VolumeBackup.ObjectStores.Swift;

/// <summary>An authenticated view of one account: where it lives and the token that opens it.</summary>
internal sealed record SwiftSession(Uri StorageUrl, string Token);
