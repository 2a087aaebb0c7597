package worker

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// writeError answers with a JSON body {"error": "...", "status": N}, so
// scripts and people both get a clear reason.
func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(struct {
		Error  string `json:"error"`
		Status int    `json:"status"`
	}{fmt.Sprintf(format, args...), status})
}
