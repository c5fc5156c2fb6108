using VolumeBackup.Domain.Faults;

namespace VolumeBackup.Server.Api.Cinder;

/// <summary>
/// The operations report a quota with the HP spec's 400; Cinder answers the same failure with 413 <c>overLimit</c>,
/// which cinderclient and the OpenStack client print as a quota error. Same message, Cinder's status.
/// </summary>
internal sealed class CinderQuotaFaults : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (FaultException e) when (e.Fault.OverQuota)
        {
            throw new FaultException(new Fault("overLimit", StatusCodes.Status413RequestEntityTooLarge, e.Fault.Message));
        }
    }
}
