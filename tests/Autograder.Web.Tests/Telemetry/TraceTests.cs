using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Autograder.Jobs.Grading;
using Autograder.Jobs.Hosting;
using Autograder.Web.Tests.Support;
using Hangfire;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Autograder.Web.Tests.Telemetry;

/// <summary>
/// The traces the service's own telemetry set-up exports (an in-memory exporter added to its tracer provider): a submission
/// through the API, dispatched, graded and reported by real Hangfire jobs on PostgreSQL, is one trace from the request to the report.
/// </summary>
public sealed class TraceTests(TraceTests.TracingFactory web) : IClassFixture<TraceTests.TracingFactory>
{
    [Fact]
    public async Task Submit_RequestGradeJobAndReportJobAreOneTrace_WithTheirDatabaseCallsUnderEach()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/courses/{WebFactory.Course}/exams/{WebFactory.ExamId}/submissions")
        {
            Content = JsonContent.Create(new { answers = await web.AnswersAsync("s001", seed: 1) }),
        };
        request.Headers.Add("Idempotency-Key", "traced");
        var response = await web.As("s001").SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var clock = Stopwatch.StartNew();
        while (!(web.Spans.Snapshot() is var spans && Job(spans, "grade") is not null && Job(spans, "report") is not null))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no grade and report job spans: " + string.Join(", ", web.Spans.Snapshot().Select(s => s.DisplayName)));
            await Task.Delay(100);
        }
        var all = web.Spans.Snapshot();
        var grade = Job(all, "grade")!;
        var report = Job(all, "report")!;

        // The grade job's parent is the dispatch that created it, whose parent is the request that stored the submission:
        // the request's context is kept on the submission, the dispatch's in the job's parameters in PostgreSQL.
        var dispatch = Assert.Single(all, s => s.SpanId == grade.ParentSpanId);
        Assert.Equal(("Autograder.Jobs", ActivityKind.Producer, "dispatch grading"), (dispatch.Source.Name, dispatch.Kind, dispatch.DisplayName));
        var server = Assert.Single(all, s => s.SpanId == dispatch.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore", server.Source.Name);
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("POST", server.GetTagItem("http.request.method"));
        Assert.Equal("/api/v1/courses/{course}/exams/{exam}/submissions", server.GetTagItem("http.route"));
        Assert.Equal(server.TraceId, dispatch.TraceId);
        Assert.Equal(ActivityKind.Consumer, grade.Kind);
        Assert.Equal(server.TraceId, grade.TraceId);
        Assert.Equal(Queues.Default, grade.GetTagItem("messaging.destination.name"));
        Assert.Equal(grade.SpanId, report.ParentSpanId);
        Assert.Equal(server.TraceId, report.TraceId);

        // Npgsql's spans sit under the request (it stored the submission) and under each job (they read and wrote it).
        foreach (var parent in new[] { server, grade, report })
            Assert.Contains(all, s => s.Source.Name == "Npgsql" && s.Kind == ActivityKind.Client && s.ParentSpanId == parent.SpanId && s.TraceId == server.TraceId);
    }

    private static Activity? Job(IReadOnlyList<Activity> spans, string kind) =>
        spans.FirstOrDefault(s => s.Source.Name == "Autograder.Jobs" && (string?)s.GetTagItem("autograder.job.kind") == kind);

    /// <summary>The web app with a Hangfire server of its own and an in-memory exporter on the app's tracer provider.</summary>
    public sealed class TracingFactory : WebFactory
    {
        public SpanList Spans { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            services.AddHangfireServer(o =>
            {
                o.Queues = [.. Queues.All];
                o.WorkerCount = 2;
            });
            services.AddHostedService(sp => sp.GetRequiredService<GradingDispatcher>());
        });
    }

    /// <summary>Spans as the exporter hands them over, readable while it adds more.</summary>
    public sealed class SpanList : ICollection<Activity>
    {
        private readonly List<Activity> items = [];

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (items) return [.. items];
        }

        public void Add(Activity item)
        {
            lock (items) items.Add(item);
        }

        public void Clear()
        {
            lock (items) items.Clear();
        }

        public bool Contains(Activity item)
        {
            lock (items) return items.Contains(item);
        }

        public void CopyTo(Activity[] array, int arrayIndex)
        {
            lock (items) items.CopyTo(array, arrayIndex);
        }

        public bool Remove(Activity item)
        {
            lock (items) return items.Remove(item);
        }

        public int Count
        {
            get
            {
                lock (items) return items.Count;
            }
        }

        public bool IsReadOnly => false;
        public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
