using System.CommandLine;
using Autograder.Cli;
using Autograder.Cli.Commands;

var root = new RootCommand("Autograder: problem bank, per-student variants, reference solvers and grading.");
root.Options.Add(CliSupport.BankOption);
root.Subcommands.Add(SolveCommand.Create());
root.Subcommands.Add(VariantCommand.Create());
root.Subcommands.Add(GradeCommand.Create());
root.Subcommands.Add(BankCommand.Create());
root.Subcommands.Add(ExamCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(SummaryCommand.Create());
root.Subcommands.Add(RunCodeCommand.Create());
CourseServiceCommands.AddTo(root);
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(WebCommand.Create());
root.Subcommands.Add(TokenCommand.Create());
return CliSupport.Run(root, args);
