// Command serve runs the playground's handler on localhost for `make run`
// and for the browser tests.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"playground/worker"
)

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	root := flag.String("root", ".", "folder holding index.html, build/ and assets/")
	flag.Parse()

	if _, err := os.Stat(*root + "/" + worker.BuildManifest); err != nil {
		log.Fatalf("serve: %s/%s is missing: run `make build` first", *root, worker.BuildManifest)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	srv := &http.Server{Handler: worker.NewHandler(os.DirFS(*root)), ReadHeaderTimeout: 10 * time.Second}
	log.Printf("playground: http://%s/", ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("serve: %v", err)
	}
}
