using System.CommandLine;
using Autograder.Core.Inputs;
using Autograder.Jobs.Hosting;
using Autograder.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Autograder.Cli.Commands;

/// <summary>
/// <c>autograder serve [--urls URL] [--demo]</c>: the web app and the workers in one process on the embedded database
/// (or ConnectionStrings__Default), on 127.0.0.1 unless told otherwise, until Ctrl+C. <c>--demo</c> first loads the demo course.
/// </summary>
internal static class ServeCommand
{
    public static readonly Option<string> UrlsOption = new("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => WebApp.DefaultUrl };

    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "First load the demo course 'demo' (200 students, a TA, an instructor) and print its sign-ins." };
        var workers = new Option<int>("--workers") { Description = "Jobs run at once.", DefaultValueFactory = _ => 2 };
        var students = new Option<int>("--students") { Description = "Students of the demo course.", DefaultValueFactory = _ => 200 };
        var command = new Command("serve", "Run the web app and the grading workers in one process.") { UrlsOption, demo, workers, students };
        command.SetAction(parse =>
        {
            if (parse.GetValue(workers) < 1) throw new BadInputException("--workers", "must be at least 1");
            if (parse.GetValue(students) is < 11 or > 100_000) throw new BadInputException("--students", "must be between 11 and 100000");
            DemoSignIns? signIns = null;
            var options = new WebHostOptions
            {
                Bank = CliSupport.LoadBank(parse),
                Workers = new WorkerSpec(Queues.All, parse.GetValue(workers), $"serve:{Environment.ProcessId}"),
                BeforeStart = parse.GetValue(demo)
                    ? async (app, ct) => signIns = await WebDemo.LoadAsync(app.Services, parse.GetValue(students), Console.WriteLine, ct)
                    : null,
            };
            return RunAsync(parse.GetValue(UrlsOption)!, options, () => signIns).GetAwaiter().GetResult();
        });
        return command;
    }

    public static async Task<int> RunAsync(string urls, WebHostOptions options, Func<DemoSignIns?>? signIns = null)
    {
        await using var app = await WebApp.BuildAsync(["--urls", urls], options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? urls;
        Console.WriteLine($"Autograder is running at {address} (API page: {address}/scalar, workers: {(options.Workers is null ? "none" : options.Workers.WorkerCount)}); Ctrl+C stops it.");
        if (signIns?.Invoke() is { } demo)
        {
            Console.WriteLine($"Demo course '{demo.Course}': sign in at {address}/account/sign-in with the password {demo.Password} as");
            Console.WriteLine($"  s001 … s{demo.Unsubmitted:000}  students who have not submitted yet");
            Console.WriteLine($"  s{demo.Unsubmitted + 1:000} … s{demo.Students:000}  students whose submissions are graded (grading runs now)");
            Console.WriteLine("  ta1  the TA      prof  the instructor");
        }
        await app.WaitForShutdownAsync();
        return 0;
    }
}
