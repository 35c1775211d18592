namespace Interceptor.Bench.CacheMemory;

/// <summary>One webhook start: until /readyz, its peak RSS (VmHWM) and its RSS a moment later; or why it never got ready.</summary>
public sealed record MemoryRow(int Pods, string Label, int? HeapLimitMiB, TimeSpan Ready, double PeakMiB, double RssMiB, string? Error);
