namespace VolumeBackup.Contracts.Faults;

/// <summary>
/// A whole fault body, <c>{"badRequest": {"message": "...", "code": 400}}</c>: one property named after the fault
/// (see <see cref="FaultNames"/>), so it is a one-entry dictionary rather than a record.
/// </summary>
public sealed class FaultEnvelope : Dictionary<string, FaultBody>
{
    public FaultEnvelope()
        : base(StringComparer.Ordinal)
    {
    }

    public FaultEnvelope(string name, FaultBody body)
        : this() => Add(name, body);
}
