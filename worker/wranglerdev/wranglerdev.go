//go:build linux

package wranglerdev

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Server is one `wrangler dev` running for a test.
type Server struct {
	// URL is where the Worker answers: http://127.0.0.1:port, no slash.
	URL string

	cmd *exec.Cmd
	log *lockedBuffer
	// pids are every process seen in the process group started (wrangler's
	// node processes, esbuild, workerd), recorded while it runs so that
	// each can be checked and killed by PID at the end.
	mu   sync.Mutex
	pids map[int]bool
}

// Start runs `wrangler dev` in workerDir (the folder holding
// wrangler.toml and node_modules, worker/ in this repository) on a free
// loopback port, with wrangler's configuration, logs and state in a
// temporary folder rather than the user's, and returns once the Worker
// answers GET /api/presets with 200 (within 90 s). It fails the test if
// dist/ has not been built (`make worker`) or wrangler is not installed.
// The test's cleanup stops every process started (see Server.stop).
func Start(t testing.TB, workerDir string) *Server {
	t.Helper()
	dir, err := filepath.Abs(workerDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, need := range []string{"../dist/worker/worker.mjs", "../dist/worker/app.wasm", "../dist/site/index.html", "../dist/site/_headers"} {
		if _, err := os.Stat(filepath.Join(dir, need)); err != nil {
			t.Fatalf("%s is missing: run `make worker` first", filepath.Clean(filepath.Join(dir, need)))
		}
	}
	wrangler := filepath.Join(dir, "node_modules", "wrangler", "bin", "wrangler.js")
	if _, err := os.Stat(wrangler); err != nil {
		t.Fatalf("wrangler is not installed: run `npm ci` in worker/ (`make test-worker` does)")
	}
	port, inspector := freePort(t), freePort(t)
	home := t.TempDir() // wrangler's config and logs, not the user's
	s := &Server{URL: "http://127.0.0.1:" + strconv.Itoa(port), log: &lockedBuffer{}, pids: map[int]bool{}}
	s.cmd = exec.Command("node", wrangler, "dev", "--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--inspector-port", strconv.Itoa(inspector), "--persist-to", filepath.Join(home, "state"))
	s.cmd.Dir = dir
	s.cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CI=1", "NO_COLOR=1",
		"XDG_CONFIG_HOME="+home, "WRANGLER_LOG_PATH="+filepath.Join(home, "logs"))
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	// Should a child leave the group and keep wrangler's output open, Wait
	// still returns once wrangler has exited (stop then kills it by PID).
	s.cmd.WaitDelay = 5 * time.Second
	// A process group of its own: wrangler starts node, esbuild and
	// workerd children, and stopping wrangler alone leaves them running.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("starting wrangler dev: %v", err)
	}
	s.pids[s.cmd.Process.Pid] = true
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	t.Cleanup(func() { s.stop(t, exited) })
	s.killBefore(t)

	deadline := time.Now().Add(90 * time.Second)
	for {
		s.recordGroup()
		resp, err := http.Get(s.URL + "/api/presets")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				s.recordGroup()
				return s
			}
		}
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("wrangler dev stopped (%v):\n%s", err, s.log)
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("wrangler dev not ready within 90 s:\n%s", s.log)
		}
	}
}

// Log returns what wrangler dev has written so far (stdout and stderr).
func (s *Server) Log() string { return s.log.String() }

// killBefore kills every process started shortly before the test
// binary's -timeout, should the test still be running then: the timeout
// ends the binary without running cleanups, which would leave wrangler
// and workerd running in their own process group.
func (s *Server) killBefore(t testing.TB) {
	dt, ok := t.(interface{ Deadline() (time.Time, bool) })
	if !ok {
		return
	}
	deadline, ok := dt.Deadline()
	if !ok {
		return
	}
	timer := time.AfterFunc(time.Until(deadline)-3*time.Second, func() {
		s.recordGroup()
		_ = syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		s.mu.Lock()
		defer s.mu.Unlock()
		for pid := range s.pids {
			if alive(pid) {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	t.Cleanup(func() { timer.Stop() })
}

// recordGroup notes every live process in the group started.
func (s *Server) recordGroup() {
	pgid := s.cmd.Process.Pid
	entries, _ := os.ReadDir("/proc")
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if g, err := syscall.Getpgid(pid); err == nil && g == pgid {
			s.pids[pid] = true
		}
	}
}

// stop ends the process group (TERM, then KILL), then checks each
// recorded PID and kills by PID any that survived in another group.
func (s *Server) stop(t testing.TB, exited chan error) {
	s.recordGroup()
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-exited
	}
	s.mu.Lock()
	pids := make([]int, 0, len(s.pids))
	for pid := range s.pids {
		pids = append(pids, pid)
	}
	s.mu.Unlock()
	slices.Sort(pids)
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range pids {
		for alive(pid) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if alive(pid) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			time.Sleep(100 * time.Millisecond)
		}
		if alive(pid) {
			t.Errorf("process %d of wrangler dev is still running", pid)
		}
	}
	t.Logf("stopped wrangler dev: processes %v", pids)
}

// alive reports whether pid runs (a zombie, exited but not yet reaped by
// its parent, counts as gone).
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	i := bytes.LastIndexByte(stat, ')')
	return i < 0 || i+2 >= len(stat) || stat[i+2] != 'Z'
}

// freePort returns a loopback TCP port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// lockedBuffer collects wrangler's output, written from the goroutines
// os/exec copies it with and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
