package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	bproblem "github.com/nhs-redline/redline/backend/problem"
	"github.com/nhs-redline/redline/backend/review"
	"github.com/nhs-redline/redline/backend/store"
)

// People in team mode: `team add-user`, `team disable`, `team role` and
// `team users`. The database decides who may do them (only an LSMS, or the
// administrator adding the first LSMS); these commands only ask it.

// maxPasswordFile bounds what --password-file reads: a password, not a file.
const maxPasswordFile = 1024

func cmdTeamPeople(ctx context.Context, e *env, args []string) error {
	switch args[0] {
	case "add-user":
		return cmdTeamAddUser(ctx, e, args)
	case "disable":
		return cmdTeamDisable(ctx, e, args)
	case "role":
		return cmdTeamRole(ctx, e, args)
	case "users":
		return cmdTeamUsers(ctx, e, args)
	case "assign":
		return cmdTeamAssign(ctx, e, args)
	}
	return usageErr("team: unknown form %q; see redline-cli help team.", args[0])
}

// teamStore opens the team database the global --db (or REDLINE_DB) names;
// these commands mean nothing on a laptop, whose one person is the LSMS.
func (e *env) teamStore(cmd string) (*store.Store, func(), error) {
	if !e.helpOnly && !e.teamMode() {
		return nil, nil, usageErr("%s: people and roles belong to a team database: say which with --db postgres://USER@HOST/DATABASE or %s.", cmd, dbEnv)
	}
	return e.openStore()
}

func cmdTeamAddUser(ctx context.Context, e *env, args []string) error {
	fs := flags("team add-user", e)
	role := fs.String("role", "", "lsms, investigator, line_manager or director")
	pwFile := fs.String("password-file", "", "a file whose first line is the new person's password (at least 12 characters); - reads standard input")
	name := fs.String("name", "", "the person's name as screens show it (default: the login)")
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if e.helpOnly {
		return nil
	}
	if len(rest) != 1 {
		return usageErr("team add-user: name one login, for example: team add-user jsmith --role line_manager --password-file pw.txt")
	}
	r, ok := store.ParseRole(*role)
	if !ok {
		return badInput("team add-user: --role must be lsms, investigator, line_manager or director.")
	}
	if *pwFile == "" {
		return usageErr("team add-user: give the password with --password-file FILE, never on the command line.")
	}
	pw, err := readPassword(*pwFile)
	if err != nil {
		return err
	}
	if err := store.CheckNewMember(rest[0], pw); err != nil {
		return badInput("team add-user: %s", err)
	}
	st, done, err := e.teamStore("team add-user")
	if err != nil {
		return err
	}
	defer done()
	display := *name
	if display == "" {
		display = rest[0]
	}
	m := store.Member{Login: rest[0], DisplayName: display, Role: r}
	if err := st.AddMember(ctx, m, pw, time.Now().Unix()); err != nil {
		return memberErr(err)
	}
	fmt.Fprintf(e.stdout, "%s can now sign in to the team database as %s.\n", rest[0], r.Label())
	return nil
}

func cmdTeamDisable(ctx context.Context, e *env, args []string) error {
	fs := flags("team disable", e)
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil || e.helpOnly {
		return err
	}
	if len(rest) != 1 {
		return usageErr("team disable: name one login.")
	}
	st, done, err := e.teamStore("team disable")
	if err != nil {
		return err
	}
	defer done()
	if err := st.DisableMember(ctx, rest[0], time.Now().Unix()); err != nil {
		return memberErr(err)
	}
	fmt.Fprintf(e.stdout, "%s can no longer sign in. They stay in the list and the audit log.\n", rest[0])
	return nil
}

func cmdTeamRole(ctx context.Context, e *env, args []string) error {
	fs := flags("team role", e)
	role := fs.String("role", "", "the new role: lsms, investigator, line_manager or director")
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil || e.helpOnly {
		return err
	}
	r, ok := store.ParseRole(*role)
	if len(rest) != 1 || !ok {
		return usageErr("team role: name one login and its new --role (lsms, investigator, line_manager or director).")
	}
	st, done, err := e.teamStore("team role")
	if err != nil {
		return err
	}
	defer done()
	if err := st.SetMemberRole(ctx, rest[0], r, time.Now().Unix()); err != nil {
		return memberErr(err)
	}
	fmt.Fprintf(e.stdout, "%s is now %s.\n", rest[0], r.Label())
	return nil
}

func cmdTeamUsers(ctx context.Context, e *env, args []string) error {
	fs := flags("team users", e)
	asJSON := fs.Bool("json", false, "print the list as JSON")
	if err := parse(fs, args[1:]); err != nil || e.helpOnly {
		return err
	}
	st, done, err := e.teamStore("team users")
	if err != nil {
		return err
	}
	defer done()
	members, err := st.Members(ctx)
	if err != nil {
		return memberErr(err)
	}
	if *asJSON {
		if members == nil {
			members = []store.Member{}
		}
		return json.NewEncoder(e.stdout).Encode(members)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Login\tName\tRole\tStatus")
	for _, m := range members {
		status := "active"
		if m.DisabledAt != 0 {
			status = "disabled " + time.Unix(m.DisabledAt, 0).In(store.London).Format("2 Jan 2006")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", m.Login, m.DisplayName, m.Role.Label(), status)
	}
	return tw.Flush()
}

// cmdTeamAssign gives a case to a person by their login: an investigator is
// assigned the case (they then see it and its evidence), a line manager the
// case's post-incident review (they then see it in "My reviews" and sign it
// off). The same backend functions as the window's People and Reviews.
func cmdTeamAssign(ctx context.Context, e *env, args []string) error {
	fs := flags("team assign", e)
	due := fs.String("due", "", "a review's due date, YYYY-MM-DD (default: in 14 days)")
	rest, err := parseWithArgs(fs, args[1:])
	if err != nil || e.helpOnly {
		return err
	}
	if len(rest) != 2 {
		return usageErr("team assign: name the case (its reference or number) and the login, for example: team assign RL-2026-0003 jsmith")
	}
	st, done, err := e.teamStore("team assign")
	if err != nil {
		return err
	}
	defer done()
	caseID, err := st.CaseIDByRef(ctx, rest[0])
	if err != nil {
		return memberErr(err)
	}
	p, err := st.Member(ctx, rest[1])
	if errors.Is(err, store.ErrNotFound) {
		return badInput("team assign: no one called %s uses this team database.", rest[1])
	} else if err != nil {
		return memberErr(err)
	}
	w := who(ctx, st)
	switch p.Role {
	case store.RoleInvestigator:
		if err := st.AssignInvestigator(ctx, caseID, p.Login, w); err != nil {
			return memberErr(err)
		}
		fmt.Fprintf(e.stdout, "%s now has case %s and its evidence.\n", p.Login, rest[0])
	case store.RoleLineManager:
		if _, err := review.AssignTo(ctx, st, caseID, "", p.Login, *due, w); err != nil {
			return memberErr(err)
		}
		fmt.Fprintf(e.stdout, "The post-incident review of %s is assigned to %s; they see it in My reviews.\n", rest[0], p.Login)
	default:
		return badInput("team assign: %s is %s; cases go to investigators and reviews to line managers.", p.Login, p.Role.Label())
	}
	return nil
}

// memberErr keeps the database's refusal in its own words, as bad input.
func memberErr(err error) error {
	var p *bproblem.Problem
	if errors.As(err, &p) {
		return problem{kindBadInput, exitBadInput, p.Message}
	}
	return teamProblem(err)
}

// readPassword reads the first line of path (or standard input for -),
// refusing anything that is plainly not a password file.
func readPassword(path string) (string, error) {
	var r io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return "", badInput("team add-user: cannot read the password file %s: %v", path, errors.Unwrap(err))
		}
		defer f.Close()
		r = f
	}
	line, err := bufio.NewReader(io.LimitReader(r, maxPasswordFile+1)).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", badInput("team add-user: cannot read the password file %s: %v", path, err)
	}
	if len(line) > maxPasswordFile {
		return "", badInput("team add-user: the password file %s, line 1: longer than %d bytes; it should hold the password alone", path, maxPasswordFile)
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// parseWithArgs reads flags that may come before or after the positional
// arguments (team add-user jsmith --role lsms), and returns those arguments.
func parseWithArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := parse(fs, args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
