using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace VolumeBackup.EndToEndTests.Dashboard;

/// <summary>
/// A minimal Chrome DevTools Protocol client for one page target over <see cref="ClientWebSocket"/>: commands with
/// their answers, and every event kept (the tests read network requests from them).
/// </summary>
internal sealed class CdpPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Method, JsonElement Params)> _events = [];
    private int _nextId;
    private Task _reader = Task.CompletedTask;

    public static async Task<CdpPage> ConnectAsync(Uri webSocketUrl)
    {
        var page = new CdpPage();
        page._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await page._socket.ConnectAsync(webSocketUrl, CancellationToken.None);
        page._reader = Task.Run(page.ReadLoopAsync);
        return page;
    }

    public IReadOnlyList<(string Method, JsonElement Params)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public async Task<JsonElement> SendAsync(string method, object? parameters = null, TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        var result = await answer.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return result;
    }

    /// <summary>Evaluates an expression in the page (awaiting a promise) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true });
        if (result.TryGetProperty("exceptionDetails", out var error))
        {
            throw new InvalidOperationException($"Page script failed: {error}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    public async Task<T> EvaluateAsync<T>(string expression) =>
        (await EvaluateAsync(expression)).Deserialize<T>()!;

    /// <summary>Polls a boolean expression until it holds; fails naming it (and what <paramref name="describe"/> says) on time-out.</summary>
    public async Task WaitForAsync(string expression, TimeSpan timeout, string? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await EvaluateAsync($"(() => {{ try {{ return !!({expression}); }} catch {{ return false; }} }})()");
            if (value.ValueKind == JsonValueKind.True)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                var state = describe is null ? "" : " Page: " + await EvaluateAsync(describe);
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for: {expression}.{state}");
            }

            await Task.Delay(150);
        }
    }

    public async Task PressKeyAsync(string key, string code, int keyCode, string? text = null)
    {
        var down = new Dictionary<string, object>
        {
            ["type"] = text is null ? "rawKeyDown" : "keyDown", ["key"] = key, ["code"] = code, ["windowsVirtualKeyCode"] = keyCode,
        };
        if (text is not null)
        {
            down["text"] = text;
        }

        await SendAsync("Input.dispatchKeyEvent", down);
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code, windowsVirtualKeyCode = keyCode });
    }

    public async Task<byte[]> ScreenshotAsync(int width, int height, bool mobile)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile });
        await Task.Delay(400); // layout and the charts' resize
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png" });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var chunk = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (chunk.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                await message.WriteAsync(buffer.AsMemory(0, chunk.Count), _stop.Token);
                if (!chunk.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = document.RootElement;
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var waiter))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        waiter.SetException(new InvalidOperationException($"CDP error: {error}"));
                    }
                    else
                    {
                        waiter.SetResult(root.GetProperty("result").Clone());
                    }
                }
                else if (root.TryGetProperty("method", out var method))
                {
                    lock (_events)
                    {
                        _events.Add((method.GetString()!, root.TryGetProperty("params", out var p) ? p.Clone() : default));
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // the browser went away or the page is being disposed
        }

        foreach (var waiter in _pending.Values)
        {
            waiter.TrySetException(new InvalidOperationException("The DevTools connection closed."));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }
}
