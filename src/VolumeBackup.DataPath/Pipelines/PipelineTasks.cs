using System.Runtime.ExceptionServices;
using System.Threading.Channels;

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

    /// <summary>
    /// Runs <paramref name="count"/> copies of a stage side by side and completes <paramref name="output"/> once all of
    /// them have ended (with the failure, if any): several writers share one channel, which must be completed once.
    /// </summary>
    public static async Task RunSideBySideAsync<T>(int count, Func<Task> stage, ChannelWriter<T>? output)
    {
        Exception? failure = null;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(stage)));
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            output?.TryComplete(failure);
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
