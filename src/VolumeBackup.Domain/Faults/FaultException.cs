namespace VolumeBackup.Domain.Faults;

/// <summary>Thrown by rules and stores when a request must fail with <see cref="Fault"/>; one handler turns it into the body.</summary>
public sealed class FaultException : Exception
{
    public FaultException(Fault fault)
        : base(fault.Message)
    {
        Fault = fault;
    }

    public FaultException()
        : this(Fault.ServerError())
    {
    }

    public FaultException(string message)
        : this(Fault.BadRequest(message))
    {
    }

    public FaultException(string message, Exception innerException)
        : base(message, innerException)
    {
        Fault = Fault.BadRequest(message);
    }

    public Fault Fault { get; }
}
