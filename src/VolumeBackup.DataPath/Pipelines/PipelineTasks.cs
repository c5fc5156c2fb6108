using System.Runtime.ExceptionServices;

namespace VolumeBackup.DataPath.Pipelines;

/// <summary>Runs pipeline stages together: the first failure cancels the others and is the one rethrown.</summary>
internal static class PipelineTasks
{
    public static async Task RunAsync(CancellationTokenSource cts, IEnumerable<Func<Task>> stages)
    {
        var tasks = stages.Select(stage => GuardAsync(stage, cts)).ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            var first = tasks
                .Where(t => t.IsFaulted)
                .SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (first is not null)
            {
                ExceptionDispatchInfo.Throw(first);
            }

            throw;
        }
    }

    private static async Task GuardAsync(Func<Task> stage, CancellationTokenSource cts)
    {
        try
        {
            await Task.Run(stage);
        }
        catch
        {
            await cts.CancelAsync();
            throw;
        }
    }
}
