;; lif_simd.wat: the spiking layer's kernels (slots 26-31 of stub.wat) in
;; SIMD128: the spike-driven products and the leaky integrate-and-fire
;; recurrence forward and back (kernels/lif.go has their semantics and Go
;; bodies).
;;
;; Four elements go per vector: the entries of a row in the active-row
;; products, four neurons of one step in the recurrence (which runs along
;; time, each neuron on its own). A tail of 1-3 goes through the scalar
;; loop that lif_scalar.wat uses for everything, so nothing outside an
;; operand is read or written. Pointers are byte addresses into Go's memory
;; aligned to 4 bytes only.
;;
;; Every value is computed with the operations of the Go bodies in their
;; order (float32, no FMA), so SIMD, scalar and Go bodies agree to the bit
;; (Go on amd64; on arm64 Go fuses a*x+y). The selects of the recurrence
;; (V = H unless H > θ, the β·g[t+1] term unless H > θ) are bit selects on
;; a comparison's mask, which give Go's results for NaN too (NaN > θ is
;; false).
;;
;; The DCLS kernels (learned delays' Gaussian taps and their gradients) take
;; four synapses j of one input at a time. Their exponential is
;; activation_simd.wat's (within 1.3 ulp of float64's, where the Go body
;; rounds float64's), so these two agree with the Go body to rounding and
;; with lif_scalar.wat to the bit.
(module
  (import "go" "mem" (memory 0))
  (import "env" "kernels" (table 64 funcref))

  (type $active (func (param i32 i32 i32 i32 i32 i32)))
  (type $lif_forward (func (param i32 i32 i32 f32 f32 i32 i32 i32)))
  (type $lif_backward (func (param i32 i32 i32 f32 f32 f32 i32 i32 i32)))
  (type $dcls_kernel (func (param i32 i32 i32 f32 i32 i32 i32 i32)))
  (type $dcls_backward (func (param i32 i32 i32 f32 i32 i32 i32 i32 i32 i32)))

  (elem (i32.const 26) func $gather_active_rows $scatter_active_rows $lif_forward $lif_backward
    $dcls_kernel $dcls_backward)

  ;; y[0:len] += x[i]·a[i·lda : i·lda+len] for each i < n with x[i] != 0 (NaN included), in the order of i.
  ;; Active rows go in fours (then a pair, then one), y += x[i]·a[i] +
  ;; x[j]·a[j] + ... added in that order (the rounding of one row at a
  ;; time), so y is loaded and stored once for four rows.
  (func $gather_active_rows (export "gather_active_rows") (type $active) (param $n i32) (param $x i32) (param $a i32) (param $lda i32) (param $len i32) (param $y i32)
    (local $v f32) (local $va v128) (local $end i32) (local $p i32) (local $q i32) (local $m i32)
    (local $v2 f32) (local $vb v128) (local $x2 i32) (local $a2 i32) (local $p2 i32)
    (local $w2 f32) (local $w3 f32) (local $w4 f32) (local $vc v128) (local $vd v128)
    (local $x3 i32) (local $a3 i32) (local $p3 i32) (local $x4 i32) (local $a4 i32) (local $p4 i32)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f32.load (local.get $x)))
        (if (f32.ne (local.get $v) (f32.const 0))
          (then
            ;; four active rows at once when there are four more
            (block $noquad
              (local.set $x2 (i32.add (local.get $x) (i32.const 4)))
              (local.set $a2 (i32.add (local.get $a) (local.get $lda)))
              (block $found2
                (loop $seek2
                  (br_if $noquad (i32.ge_u (local.get $x2) (local.get $end)))
                  (local.set $w2 (f32.load (local.get $x2)))
                  (br_if $found2 (f32.ne (local.get $w2) (f32.const 0)))
                  (local.set $x2 (i32.add (local.get $x2) (i32.const 4)))
                  (local.set $a2 (i32.add (local.get $a2) (local.get $lda)))
                  (br $seek2)))
              (local.set $x3 (i32.add (local.get $x2) (i32.const 4)))
              (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
              (block $found3
                (loop $seek3
                  (br_if $noquad (i32.ge_u (local.get $x3) (local.get $end)))
                  (local.set $w3 (f32.load (local.get $x3)))
                  (br_if $found3 (f32.ne (local.get $w3) (f32.const 0)))
                  (local.set $x3 (i32.add (local.get $x3) (i32.const 4)))
                  (local.set $a3 (i32.add (local.get $a3) (local.get $lda)))
                  (br $seek3)))
              (local.set $x4 (i32.add (local.get $x3) (i32.const 4)))
              (local.set $a4 (i32.add (local.get $a3) (local.get $lda)))
              (block $found4
                (loop $seek4
                  (br_if $noquad (i32.ge_u (local.get $x4) (local.get $end)))
                  (local.set $w4 (f32.load (local.get $x4)))
                  (br_if $found4 (f32.ne (local.get $w4) (f32.const 0)))
                  (local.set $x4 (i32.add (local.get $x4) (i32.const 4)))
                  (local.set $a4 (i32.add (local.get $a4) (local.get $lda)))
                  (br $seek4)))
              (local.set $p (local.get $a))
              (local.set $p2 (local.get $a2))
              (local.set $p3 (local.get $a3))
              (local.set $p4 (local.get $a4))
              (local.set $q (local.get $y))
              (local.set $m (local.get $len))
              (local.set $va (f32x4.splat (local.get $v)))
              (local.set $vb (f32x4.splat (local.get $w2)))
              (local.set $vc (f32x4.splat (local.get $w3)))
              (local.set $vd (f32x4.splat (local.get $w4)))
              (block $qudone
                (loop $qul
                  (br_if $qudone (i32.lt_s (local.get $m) (i32.const 16)))
                (v128.store (local.get $q)
                  (f32x4.add
                    (f32x4.add
                      (f32x4.add
                        (f32x4.add (v128.load (local.get $q)) (f32x4.mul (local.get $va) (v128.load (local.get $p))))
                        (f32x4.mul (local.get $vb) (v128.load (local.get $p2))))
                      (f32x4.mul (local.get $vc) (v128.load (local.get $p3))))
                    (f32x4.mul (local.get $vd) (v128.load (local.get $p4)))))
                (v128.store offset=16 (local.get $q)
                  (f32x4.add
                    (f32x4.add
                      (f32x4.add
                        (f32x4.add (v128.load offset=16 (local.get $q)) (f32x4.mul (local.get $va) (v128.load offset=16 (local.get $p))))
                        (f32x4.mul (local.get $vb) (v128.load offset=16 (local.get $p2))))
                      (f32x4.mul (local.get $vc) (v128.load offset=16 (local.get $p3))))
                    (f32x4.mul (local.get $vd) (v128.load offset=16 (local.get $p4)))))
                (v128.store offset=32 (local.get $q)
                  (f32x4.add
                    (f32x4.add
                      (f32x4.add
                        (f32x4.add (v128.load offset=32 (local.get $q)) (f32x4.mul (local.get $va) (v128.load offset=32 (local.get $p))))
                        (f32x4.mul (local.get $vb) (v128.load offset=32 (local.get $p2))))
                      (f32x4.mul (local.get $vc) (v128.load offset=32 (local.get $p3))))
                    (f32x4.mul (local.get $vd) (v128.load offset=32 (local.get $p4)))))
                (v128.store offset=48 (local.get $q)
                  (f32x4.add
                    (f32x4.add
                      (f32x4.add
                        (f32x4.add (v128.load offset=48 (local.get $q)) (f32x4.mul (local.get $va) (v128.load offset=48 (local.get $p))))
                        (f32x4.mul (local.get $vb) (v128.load offset=48 (local.get $p2))))
                      (f32x4.mul (local.get $vc) (v128.load offset=48 (local.get $p3))))
                    (f32x4.mul (local.get $vd) (v128.load offset=48 (local.get $p4)))))
                (local.set $p (i32.add (local.get $p) (i32.const 64)))
                (local.set $p2 (i32.add (local.get $p2) (i32.const 64)))
                (local.set $p3 (i32.add (local.get $p3) (i32.const 64)))
                (local.set $p4 (i32.add (local.get $p4) (i32.const 64)))
                (local.set $q (i32.add (local.get $q) (i32.const 64)))
                  (local.set $m (i32.sub (local.get $m) (i32.const 16)))
                  (br $qul)))
              (block $qvdone
                (loop $qvl
                  (br_if $qvdone (i32.lt_s (local.get $m) (i32.const 4)))
                (v128.store (local.get $q)
                  (f32x4.add
                    (f32x4.add
                      (f32x4.add
                        (f32x4.add (v128.load (local.get $q)) (f32x4.mul (local.get $va) (v128.load (local.get $p))))
                        (f32x4.mul (local.get $vb) (v128.load (local.get $p2))))
                      (f32x4.mul (local.get $vc) (v128.load (local.get $p3))))
                    (f32x4.mul (local.get $vd) (v128.load (local.get $p4)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
                (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
                (local.set $p4 (i32.add (local.get $p4) (i32.const 16)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                  (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                  (br $qvl)))
              (block $qsdone
                (loop $qsl
                  (br_if $qsdone (i32.le_s (local.get $m) (i32.const 0)))
                  (f32.store (local.get $q)
                    (f32.add
                      (f32.add
                        (f32.add
                          (f32.add (f32.load (local.get $q)) (f32.mul (local.get $v) (f32.load (local.get $p))))
                          (f32.mul (local.get $w2) (f32.load (local.get $p2))))
                        (f32.mul (local.get $w3) (f32.load (local.get $p3))))
                      (f32.mul (local.get $w4) (f32.load (local.get $p4)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
                (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
                (local.set $p4 (i32.add (local.get $p4) (i32.const 4)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                  (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                  (br $qsl)))
              (local.set $x (i32.add (local.get $x4) (i32.const 4)))
              (local.set $a (i32.add (local.get $a4) (local.get $lda)))
              (br $rows))
            ;; fewer than four: the next active row, if any
            (local.set $x2 (i32.add (local.get $x) (i32.const 4)))
            (local.set $a2 (i32.add (local.get $a) (local.get $lda)))
            (block $alone
              (loop $seek
                (br_if $alone (i32.ge_u (local.get $x2) (local.get $end)))
                (local.set $v2 (f32.load (local.get $x2)))
                (if (f32.ne (local.get $v2) (f32.const 0))
                  (then
                    (local.set $p (local.get $a))
                    (local.set $p2 (local.get $a2))
                    (local.set $q (local.get $y))
                    (local.set $m (local.get $len))
                    (local.set $va (f32x4.splat (local.get $v)))
                    (local.set $vb (f32x4.splat (local.get $v2)))
                    (block $udone
                      (loop $ul
                        (br_if $udone (i32.lt_s (local.get $m) (i32.const 16)))
                      (v128.store (local.get $q)
                        (f32x4.add
                          (f32x4.add (v128.load (local.get $q)) (f32x4.mul (local.get $va) (v128.load (local.get $p))))
                          (f32x4.mul (local.get $vb) (v128.load (local.get $p2)))))
                      (v128.store offset=16 (local.get $q)
                        (f32x4.add
                          (f32x4.add (v128.load offset=16 (local.get $q)) (f32x4.mul (local.get $va) (v128.load offset=16 (local.get $p))))
                          (f32x4.mul (local.get $vb) (v128.load offset=16 (local.get $p2)))))
                      (v128.store offset=32 (local.get $q)
                        (f32x4.add
                          (f32x4.add (v128.load offset=32 (local.get $q)) (f32x4.mul (local.get $va) (v128.load offset=32 (local.get $p))))
                          (f32x4.mul (local.get $vb) (v128.load offset=32 (local.get $p2)))))
                      (v128.store offset=48 (local.get $q)
                        (f32x4.add
                          (f32x4.add (v128.load offset=48 (local.get $q)) (f32x4.mul (local.get $va) (v128.load offset=48 (local.get $p))))
                          (f32x4.mul (local.get $vb) (v128.load offset=48 (local.get $p2)))))
                        (local.set $p (i32.add (local.get $p) (i32.const 64)))
                        (local.set $p2 (i32.add (local.get $p2) (i32.const 64)))
                        (local.set $q (i32.add (local.get $q) (i32.const 64)))
                        (local.set $m (i32.sub (local.get $m) (i32.const 16)))
                        (br $ul)))
                    (block $vdone
                      (loop $vl
                        (br_if $vdone (i32.lt_s (local.get $m) (i32.const 4)))
                      (v128.store (local.get $q)
                        (f32x4.add
                          (f32x4.add (v128.load (local.get $q)) (f32x4.mul (local.get $va) (v128.load (local.get $p))))
                          (f32x4.mul (local.get $vb) (v128.load (local.get $p2)))))
                        (local.set $p (i32.add (local.get $p) (i32.const 16)))
                        (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
                        (local.set $q (i32.add (local.get $q) (i32.const 16)))
                        (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                        (br $vl)))
                    (block $sdone
                      (loop $sl
                        (br_if $sdone (i32.le_s (local.get $m) (i32.const 0)))
                        (f32.store (local.get $q)
                          (f32.add
                            (f32.add (f32.load (local.get $q)) (f32.mul (local.get $v) (f32.load (local.get $p))))
                            (f32.mul (local.get $v2) (f32.load (local.get $p2)))))
                        (local.set $p (i32.add (local.get $p) (i32.const 4)))
                        (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
                        (local.set $q (i32.add (local.get $q) (i32.const 4)))
                        (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                        (br $sl)))
                    (local.set $x (i32.add (local.get $x2) (i32.const 4)))
                    (local.set $a (i32.add (local.get $a2) (local.get $lda)))
                    (br $rows)))
                (local.set $x2 (i32.add (local.get $x2) (i32.const 4)))
                (local.set $a2 (i32.add (local.get $a2) (local.get $lda)))
                (br $seek)))
            ;; the last active row, alone
            (local.set $p (local.get $a))
            (local.set $q (local.get $y))
            (local.set $m (local.get $len))
            (local.set $va (f32x4.splat (local.get $v)))
            ;; sixteen at a time, then four: the loop's own work shared
            (block $udone
              (loop $ul
                (br_if $udone (i32.lt_s (local.get $m) (i32.const 16)))
                (v128.store (local.get $q)
                  (f32x4.add (v128.load (local.get $q))
                    (f32x4.mul (local.get $va) (v128.load (local.get $p)))))
                (v128.store offset=16 (local.get $q)
                  (f32x4.add (v128.load offset=16 (local.get $q))
                    (f32x4.mul (local.get $va) (v128.load offset=16 (local.get $p)))))
                (v128.store offset=32 (local.get $q)
                  (f32x4.add (v128.load offset=32 (local.get $q))
                    (f32x4.mul (local.get $va) (v128.load offset=32 (local.get $p)))))
                (v128.store offset=48 (local.get $q)
                  (f32x4.add (v128.load offset=48 (local.get $q))
                    (f32x4.mul (local.get $va) (v128.load offset=48 (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 64)))
                (local.set $q (i32.add (local.get $q) (i32.const 64)))
                (local.set $m (i32.sub (local.get $m) (i32.const 16)))
                (br $ul)))
            (block $vdone
              (loop $vl
                (br_if $vdone (i32.lt_s (local.get $m) (i32.const 4)))
                (v128.store (local.get $q)
                  (f32x4.add (v128.load (local.get $q))
                    (f32x4.mul (local.get $va) (v128.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                (br $vl)))
            (block $sdone
              (loop $sl
                (br_if $sdone (i32.le_s (local.get $m) (i32.const 0)))
                (f32.store (local.get $q)
                  (f32.add (f32.load (local.get $q))
                    (f32.mul (local.get $v) (f32.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                (br $sl)))
            (br $done)))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $rows))))

  ;; a[i·lda : i·lda+len] += x[i]·y[0:len] for each i < n with x[i] != 0 (NaN included).
  ;; Active rows go in fours while there are four, so that y is loaded
  ;; once for four rows. a's rows must not overlap y (the Go side's rule).
  (func $scatter_active_rows (export "scatter_active_rows") (type $active) (param $n i32) (param $x i32) (param $a i32) (param $lda i32) (param $len i32) (param $y i32)
    (local $v f32) (local $va v128) (local $end i32) (local $p i32) (local $q i32) (local $m i32)
    (local $w2 f32) (local $w3 f32) (local $w4 f32) (local $vb v128) (local $vc v128) (local $vd v128) (local $yv v128) (local $ys f32)
    (local $x2 i32) (local $a2 i32) (local $p2 i32) (local $x3 i32) (local $a3 i32) (local $p3 i32) (local $x4 i32) (local $a4 i32) (local $p4 i32)
    (local.set $lda (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $v (f32.load (local.get $x)))
        (if (f32.ne (local.get $v) (f32.const 0))
          (then
            (block $noquad
              (local.set $x2 (i32.add (local.get $x) (i32.const 4)))
              (local.set $a2 (i32.add (local.get $a) (local.get $lda)))
              (block $found2
                (loop $seek2
                  (br_if $noquad (i32.ge_u (local.get $x2) (local.get $end)))
                  (local.set $w2 (f32.load (local.get $x2)))
                  (br_if $found2 (f32.ne (local.get $w2) (f32.const 0)))
                  (local.set $x2 (i32.add (local.get $x2) (i32.const 4)))
                  (local.set $a2 (i32.add (local.get $a2) (local.get $lda)))
                  (br $seek2)))
              (local.set $x3 (i32.add (local.get $x2) (i32.const 4)))
              (local.set $a3 (i32.add (local.get $a2) (local.get $lda)))
              (block $found3
                (loop $seek3
                  (br_if $noquad (i32.ge_u (local.get $x3) (local.get $end)))
                  (local.set $w3 (f32.load (local.get $x3)))
                  (br_if $found3 (f32.ne (local.get $w3) (f32.const 0)))
                  (local.set $x3 (i32.add (local.get $x3) (i32.const 4)))
                  (local.set $a3 (i32.add (local.get $a3) (local.get $lda)))
                  (br $seek3)))
              (local.set $x4 (i32.add (local.get $x3) (i32.const 4)))
              (local.set $a4 (i32.add (local.get $a3) (local.get $lda)))
              (block $found4
                (loop $seek4
                  (br_if $noquad (i32.ge_u (local.get $x4) (local.get $end)))
                  (local.set $w4 (f32.load (local.get $x4)))
                  (br_if $found4 (f32.ne (local.get $w4) (f32.const 0)))
                  (local.set $x4 (i32.add (local.get $x4) (i32.const 4)))
                  (local.set $a4 (i32.add (local.get $a4) (local.get $lda)))
                  (br $seek4)))
              (local.set $p (local.get $a))
              (local.set $p2 (local.get $a2))
              (local.set $p3 (local.get $a3))
              (local.set $p4 (local.get $a4))
              (local.set $q (local.get $y))
              (local.set $m (local.get $len))
              (local.set $va (f32x4.splat (local.get $v)))
              (local.set $vb (f32x4.splat (local.get $w2)))
              (local.set $vc (f32x4.splat (local.get $w3)))
              (local.set $vd (f32x4.splat (local.get $w4)))
              (block $qudone
                (loop $qul
                  (br_if $qudone (i32.lt_s (local.get $m) (i32.const 16)))
                  (local.set $yv (v128.load (local.get $q)))
                  (v128.store (local.get $p)
                    (f32x4.add (v128.load (local.get $p)) (f32x4.mul (local.get $va) (local.get $yv))))
                  (v128.store (local.get $p2)
                    (f32x4.add (v128.load (local.get $p2)) (f32x4.mul (local.get $vb) (local.get $yv))))
                  (v128.store (local.get $p3)
                    (f32x4.add (v128.load (local.get $p3)) (f32x4.mul (local.get $vc) (local.get $yv))))
                  (v128.store (local.get $p4)
                    (f32x4.add (v128.load (local.get $p4)) (f32x4.mul (local.get $vd) (local.get $yv))))
                  (local.set $yv (v128.load offset=16 (local.get $q)))
                  (v128.store offset=16 (local.get $p)
                    (f32x4.add (v128.load offset=16 (local.get $p)) (f32x4.mul (local.get $va) (local.get $yv))))
                  (v128.store offset=16 (local.get $p2)
                    (f32x4.add (v128.load offset=16 (local.get $p2)) (f32x4.mul (local.get $vb) (local.get $yv))))
                  (v128.store offset=16 (local.get $p3)
                    (f32x4.add (v128.load offset=16 (local.get $p3)) (f32x4.mul (local.get $vc) (local.get $yv))))
                  (v128.store offset=16 (local.get $p4)
                    (f32x4.add (v128.load offset=16 (local.get $p4)) (f32x4.mul (local.get $vd) (local.get $yv))))
                  (local.set $yv (v128.load offset=32 (local.get $q)))
                  (v128.store offset=32 (local.get $p)
                    (f32x4.add (v128.load offset=32 (local.get $p)) (f32x4.mul (local.get $va) (local.get $yv))))
                  (v128.store offset=32 (local.get $p2)
                    (f32x4.add (v128.load offset=32 (local.get $p2)) (f32x4.mul (local.get $vb) (local.get $yv))))
                  (v128.store offset=32 (local.get $p3)
                    (f32x4.add (v128.load offset=32 (local.get $p3)) (f32x4.mul (local.get $vc) (local.get $yv))))
                  (v128.store offset=32 (local.get $p4)
                    (f32x4.add (v128.load offset=32 (local.get $p4)) (f32x4.mul (local.get $vd) (local.get $yv))))
                  (local.set $yv (v128.load offset=48 (local.get $q)))
                  (v128.store offset=48 (local.get $p)
                    (f32x4.add (v128.load offset=48 (local.get $p)) (f32x4.mul (local.get $va) (local.get $yv))))
                  (v128.store offset=48 (local.get $p2)
                    (f32x4.add (v128.load offset=48 (local.get $p2)) (f32x4.mul (local.get $vb) (local.get $yv))))
                  (v128.store offset=48 (local.get $p3)
                    (f32x4.add (v128.load offset=48 (local.get $p3)) (f32x4.mul (local.get $vc) (local.get $yv))))
                  (v128.store offset=48 (local.get $p4)
                    (f32x4.add (v128.load offset=48 (local.get $p4)) (f32x4.mul (local.get $vd) (local.get $yv))))
                  (local.set $p (i32.add (local.get $p) (i32.const 64)))
                  (local.set $p2 (i32.add (local.get $p2) (i32.const 64)))
                  (local.set $p3 (i32.add (local.get $p3) (i32.const 64)))
                  (local.set $p4 (i32.add (local.get $p4) (i32.const 64)))
                  (local.set $q (i32.add (local.get $q) (i32.const 64)))
                  (local.set $m (i32.sub (local.get $m) (i32.const 16)))
                  (br $qul)))
              (block $qvdone
                (loop $qvl
                  (br_if $qvdone (i32.lt_s (local.get $m) (i32.const 4)))
                  (local.set $yv (v128.load (local.get $q)))
                  (v128.store (local.get $p)
                    (f32x4.add (v128.load (local.get $p)) (f32x4.mul (local.get $va) (local.get $yv))))
                  (v128.store (local.get $p2)
                    (f32x4.add (v128.load (local.get $p2)) (f32x4.mul (local.get $vb) (local.get $yv))))
                  (v128.store (local.get $p3)
                    (f32x4.add (v128.load (local.get $p3)) (f32x4.mul (local.get $vc) (local.get $yv))))
                  (v128.store (local.get $p4)
                    (f32x4.add (v128.load (local.get $p4)) (f32x4.mul (local.get $vd) (local.get $yv))))
                  (local.set $p (i32.add (local.get $p) (i32.const 16)))
                  (local.set $p2 (i32.add (local.get $p2) (i32.const 16)))
                  (local.set $p3 (i32.add (local.get $p3) (i32.const 16)))
                  (local.set $p4 (i32.add (local.get $p4) (i32.const 16)))
                  (local.set $q (i32.add (local.get $q) (i32.const 16)))
                  (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                  (br $qvl)))
              (block $qsdone
                (loop $qsl
                  (br_if $qsdone (i32.le_s (local.get $m) (i32.const 0)))
                  (local.set $ys (f32.load (local.get $q)))
                  (f32.store (local.get $p)
                    (f32.add (f32.load (local.get $p)) (f32.mul (local.get $v) (local.get $ys))))
                  (f32.store (local.get $p2)
                    (f32.add (f32.load (local.get $p2)) (f32.mul (local.get $w2) (local.get $ys))))
                  (f32.store (local.get $p3)
                    (f32.add (f32.load (local.get $p3)) (f32.mul (local.get $w3) (local.get $ys))))
                  (f32.store (local.get $p4)
                    (f32.add (f32.load (local.get $p4)) (f32.mul (local.get $w4) (local.get $ys))))
                  (local.set $p (i32.add (local.get $p) (i32.const 4)))
                  (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
                  (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
                  (local.set $p4 (i32.add (local.get $p4) (i32.const 4)))
                  (local.set $q (i32.add (local.get $q) (i32.const 4)))
                  (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                  (br $qsl)))
              (local.set $x (i32.add (local.get $x4) (i32.const 4)))
              (local.set $a (i32.add (local.get $a4) (local.get $lda)))
              (br $rows))
            ;; fewer than four left: one at a time
            (local.set $p (local.get $a))
            (local.set $q (local.get $y))
            (local.set $m (local.get $len))
            (local.set $va (f32x4.splat (local.get $v)))
            ;; sixteen at a time, then four: the loop's own work shared
            (block $udone
              (loop $ul
                (br_if $udone (i32.lt_s (local.get $m) (i32.const 16)))
                (v128.store (local.get $p)
                  (f32x4.add (v128.load (local.get $p))
                    (f32x4.mul (local.get $va) (v128.load (local.get $q)))))
                (v128.store offset=16 (local.get $p)
                  (f32x4.add (v128.load offset=16 (local.get $p))
                    (f32x4.mul (local.get $va) (v128.load offset=16 (local.get $q)))))
                (v128.store offset=32 (local.get $p)
                  (f32x4.add (v128.load offset=32 (local.get $p))
                    (f32x4.mul (local.get $va) (v128.load offset=32 (local.get $q)))))
                (v128.store offset=48 (local.get $p)
                  (f32x4.add (v128.load offset=48 (local.get $p))
                    (f32x4.mul (local.get $va) (v128.load offset=48 (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (i32.const 64)))
                (local.set $q (i32.add (local.get $q) (i32.const 64)))
                (local.set $m (i32.sub (local.get $m) (i32.const 16)))
                (br $ul)))
            (block $vdone
              (loop $vl
                (br_if $vdone (i32.lt_s (local.get $m) (i32.const 4)))
                (v128.store (local.get $p)
                  (f32x4.add (v128.load (local.get $p))
                    (f32x4.mul (local.get $va) (v128.load (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (local.set $q (i32.add (local.get $q) (i32.const 16)))
                (local.set $m (i32.sub (local.get $m) (i32.const 4)))
                (br $vl)))
            (block $sdone
              (loop $sl
                (br_if $sdone (i32.le_s (local.get $m) (i32.const 0)))
                (f32.store (local.get $p)
                  (f32.add (f32.load (local.get $p))
                    (f32.mul (local.get $v) (f32.load (local.get $q)))))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (local.set $q (i32.add (local.get $q) (i32.const 4)))
                (local.set $m (i32.sub (local.get $m) (i32.const 1)))
                (br $sl)))))
        (local.set $a (i32.add (local.get $a) (local.get $lda)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $rows))))

  ;; H = β·V[t-1] + I, V[t-1] = H[t-1] unless H[t-1] > θ (then 0), V[-1] = 0;
  ;; S = 1 if H > θ else 0. Frames are the rows·steps steps of n neurons,
  ;; t the step within the row.
  (func $lif_forward (export "lif_forward") (type $lif_forward) (param $rows i32) (param $steps i32) (param $n i32)
    (param $beta f32) (param $th f32) (param $cur i32) (param $h i32) (param $s i32)
    (local $frames i32) (local $t i32) (local $nb i32) (local $j i32)
    (local $b v128) (local $tv v128) (local $prev v128) (local $hv v128) (local $pf f32) (local $hs f32)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $b (f32x4.splat (local.get $beta)))
    (local.set $tv (f32x4.splat (local.get $th)))
    (local.set $frames (i32.mul (local.get $rows) (local.get $steps)))
    (block $done
      (loop $frame
        (br_if $done (i32.le_s (local.get $frames) (i32.const 0)))
        (local.set $j (local.get $n))
        (block $vdone
          (loop $vl
            (br_if $vdone (i32.lt_s (local.get $j) (i32.const 4)))
            (local.set $prev (v128.const i32x4 0 0 0 0))
            (if (i32.gt_s (local.get $t) (i32.const 0))
              (then (local.set $prev (v128.load (i32.sub (local.get $h) (local.get $nb))))))
            (local.set $hv (f32x4.add
              (f32x4.mul (local.get $b)
                (v128.andnot (local.get $prev) (f32x4.gt (local.get $prev) (local.get $tv))))
              (v128.load (local.get $cur))))
            (v128.store (local.get $h) (local.get $hv))
            (v128.store (local.get $s)
              (v128.and (f32x4.gt (local.get $hv) (local.get $tv)) (v128.const f32x4 1 1 1 1)))
            (local.set $cur (i32.add (local.get $cur) (i32.const 16)))
            (local.set $h (i32.add (local.get $h) (i32.const 16)))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 4)))
            (br $vl)))
        (block $sdone
          (loop $sl
            (br_if $sdone (i32.le_s (local.get $j) (i32.const 0)))
            (local.set $pf (f32.const 0))
            (if (i32.gt_s (local.get $t) (i32.const 0))
              (then (local.set $pf (f32.load (i32.sub (local.get $h) (local.get $nb))))))
            (local.set $hs (f32.add
              (f32.mul (local.get $beta)
                (select (f32.const 0) (local.get $pf) (f32.gt (local.get $pf) (local.get $th))))
              (f32.load (local.get $cur))))
            (f32.store (local.get $h) (local.get $hs))
            (f32.store (local.get $s)
              (select (f32.const 1) (f32.const 0) (f32.gt (local.get $hs) (local.get $th))))
            (local.set $cur (i32.add (local.get $cur) (i32.const 4)))
            (local.set $h (i32.add (local.get $h) (i32.const 4)))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $sl)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (if (i32.eq (local.get $t) (local.get $steps)) (then (local.set $t (i32.const 0))))
        (local.set $frames (i32.sub (local.get $frames) (i32.const 1)))
        (br $frame))))

  ;; g = ds·(α/2)/(1 + (c·(H-θ))²), c = (π/2 as float32)·α, plus β·g[t+1]
  ;; unless H > θ or t is the row's last step. Frames run backwards.
  (func $lif_backward (export "lif_backward") (type $lif_backward) (param $rows i32) (param $steps i32) (param $n i32)
    (param $beta f32) (param $th f32) (param $alpha f32) (param $h i32) (param $ds i32) (param $g i32)
    (local $f i32) (local $t i32) (local $nb i32) (local $j i32) (local $off i32)
    (local $ph i32) (local $pd i32) (local $pg i32)
    (local $c f32) (local $half f32) (local $hs f32) (local $as f32) (local $gs f32)
    (local $b v128) (local $tv v128) (local $cv v128) (local $hv v128) (local $halfv v128)
    (local $hk v128) (local $av v128) (local $gv v128)
    (local.set $nb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $c (f32.mul (f32.const 0x1.921fb6p+0) (local.get $alpha)))
    (local.set $half (f32.mul (local.get $alpha) (f32.const 0.5)))
    (local.set $b (f32x4.splat (local.get $beta)))
    (local.set $tv (f32x4.splat (local.get $th)))
    (local.set $cv (f32x4.splat (local.get $c)))
    (local.set $halfv (f32x4.splat (local.get $half)))
    (local.set $f (i32.sub (i32.mul (local.get $rows) (local.get $steps)) (i32.const 1)))
    (local.set $t (i32.sub (local.get $steps) (i32.const 1)))
    (block $done
      (loop $frame
        (br_if $done (i32.lt_s (local.get $f) (i32.const 0)))
        (local.set $off (i32.mul (local.get $f) (local.get $nb)))
        (local.set $ph (i32.add (local.get $h) (local.get $off)))
        (local.set $pd (i32.add (local.get $ds) (local.get $off)))
        (local.set $pg (i32.add (local.get $g) (local.get $off)))
        (local.set $j (local.get $n))
        (block $vdone
          (loop $vl
            (br_if $vdone (i32.lt_s (local.get $j) (i32.const 4)))
            (local.set $hk (v128.load (local.get $ph)))
            (local.set $av (f32x4.mul (local.get $cv) (f32x4.sub (local.get $hk) (local.get $tv))))
            (local.set $gv (f32x4.mul (v128.load (local.get $pd))
              (f32x4.div (local.get $halfv)
                (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $av) (local.get $av))))))
            (if (i32.lt_s (local.get $t) (i32.sub (local.get $steps) (i32.const 1)))
              (then
                (local.set $gv (v128.bitselect
                  (local.get $gv)
                  (f32x4.add (local.get $gv)
                    (f32x4.mul (local.get $b) (v128.load (i32.add (local.get $pg) (local.get $nb)))))
                  (f32x4.gt (local.get $hk) (local.get $tv))))))
            (v128.store (local.get $pg) (local.get $gv))
            (local.set $ph (i32.add (local.get $ph) (i32.const 16)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 16)))
            (local.set $pg (i32.add (local.get $pg) (i32.const 16)))
            (local.set $j (i32.sub (local.get $j) (i32.const 4)))
            (br $vl)))
        (block $sdone
          (loop $sl
            (br_if $sdone (i32.le_s (local.get $j) (i32.const 0)))
            (local.set $hs (f32.load (local.get $ph)))
            (local.set $as (f32.mul (local.get $c) (f32.sub (local.get $hs) (local.get $th))))
            (local.set $gs (f32.mul (f32.load (local.get $pd))
              (f32.div (local.get $half)
                (f32.add (f32.const 1) (f32.mul (local.get $as) (local.get $as))))))
            (if (i32.and
                  (i32.lt_s (local.get $t) (i32.sub (local.get $steps) (i32.const 1)))
                  (i32.eqz (f32.gt (local.get $hs) (local.get $th))))
              (then
                (local.set $gs (f32.add (local.get $gs)
                  (f32.mul (local.get $beta) (f32.load (i32.add (local.get $pg) (local.get $nb))))))))
            (f32.store (local.get $pg) (local.get $gs))
            (local.set $ph (i32.add (local.get $ph) (i32.const 4)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 4)))
            (local.set $pg (i32.add (local.get $pg) (i32.const 4)))
            (local.set $j (i32.sub (local.get $j) (i32.const 1)))
            (br $sl)))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (if (i32.lt_s (local.get $t) (i32.const 0))
          (then (local.set $t (i32.sub (local.get $steps) (i32.const 1)))))
        (local.set $f (i32.sub (local.get $f) (i32.const 1)))
        (br $frame))))

  ;; ---- exp, as activation_*.wat compute it (see there) ----

  (func $exp (param $x f32) (result f32)
    (local $t f32) (local $k f32)
    ;; clamp to [-110, 89] (NaN passes): beyond, the result is 0 or +Inf
    ;; anyway. Comparisons rather than f32.min/max, which engines expand
    ;; into NaN and signed-zero checks.
    (if (f32.lt (local.get $x) (f32.const -110)) (then (local.set $x (f32.const -110))))
    (if (f32.gt (local.get $x) (f32.const 89)) (then (local.set $x (f32.const 89))))
    ;; t = x·log2 e + 1.5·2^23 holds k = nearest(x·log2 e) in its low bits
    (local.set $t (f32.add (f32.mul (local.get $x) (f32.const 0x1.715476p+0)) (f32.const 0x1.8p23)))
    (local.set $k (f32.sub (local.get $t) (f32.const 0x1.8p23)))
    (call $exp_rn
      ;; r = x - k·C1 - k·C2
      (f32.sub
        (f32.sub (local.get $x) (f32.mul (local.get $k) (f32.const 0.693359375)))
        (f32.mul (local.get $k) (f32.const -2.12194440e-4)))
      (i32.sub (i32.reinterpret_f32 (local.get $t)) (i32.const 0x4B400000))))

  ;; $exp_rn is e^r·2^n for |r| <= ln2/2 (a little more is fine) and n in
  ;; [-160, 128]: the polynomial, and 2^n as 2^(n>>1)·2^(n-(n>>1)).
  (func $exp_rn (param $r f32) (param $n i32) (result f32)
    (local $h i32)
    (local.set $h (i32.shr_s (local.get $n) (i32.const 1)))
    (f32.mul
      (f32.mul
        (f32.add (f32.add
          (f32.mul
            (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul (f32.add (f32.mul
              (f32.add (f32.mul
                (f32.const 1.9875691500e-4) (local.get $r))
                (f32.const 1.3981999507e-3)) (local.get $r))
                (f32.const 8.3334519073e-3)) (local.get $r))
                (f32.const 4.1665795894e-2)) (local.get $r))
                (f32.const 1.6666665459e-1)) (local.get $r))
                (f32.const 5.0000001201e-1))
            (f32.mul (local.get $r) (local.get $r)))
          (local.get $r))
          (f32.const 1))
        (f32.reinterpret_i32 (i32.shl (i32.add (local.get $h) (i32.const 127)) (i32.const 23))))
      (f32.reinterpret_i32 (i32.shl (i32.add (i32.sub (local.get $n) (local.get $h)) (i32.const 127))
        (i32.const 23)))))

  (func $exp4 (param $x v128) (result v128)
    (local $t v128) (local $k v128) (local $r v128) (local $n v128) (local $h v128)
    ;; clamp to [-110, 89] (NaN passes): beyond, the result is 0 or +Inf anyway
    (local.set $x (f32x4.pmin (f32x4.pmax (local.get $x) (v128.const f32x4 -110 -110 -110 -110))
      (v128.const f32x4 89 89 89 89)))
    ;; t = x·log2 e + 1.5·2^23 holds k = nearest(x·log2 e) in its low bits
    (local.set $t (f32x4.add (f32x4.mul (local.get $x)
      (v128.const f32x4 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0 0x1.715476p+0))
      (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
    (local.set $k (f32x4.sub (local.get $t) (v128.const f32x4 0x1.8p23 0x1.8p23 0x1.8p23 0x1.8p23)))
    ;; r = x - k·C1 - k·C2
    (local.set $r (f32x4.sub
      (f32x4.sub (local.get $x)
        (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
      (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    ;; then $exp4_rn(r, k), inline (engines that do not inline wasm calls
    ;; would pay a call per vector): n = k as an integer, halved into two
    ;; exponents
    (local.set $n (i32x4.sub (local.get $t) (v128.const i32x4 0x4B400000 0x4B400000 0x4B400000 0x4B400000)))
    (local.set $h (i32x4.shr_s (local.get $n) (i32.const 1)))
    (f32x4.mul
      (f32x4.mul
        (f32x4.add (f32x4.add
          (f32x4.mul
            (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul (f32x4.add (f32x4.mul
              (f32x4.add (f32x4.mul
                (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4) (local.get $r))
                (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)) (local.get $r))
                (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)) (local.get $r))
                (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)) (local.get $r))
                (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)) (local.get $r))
                (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
            (f32x4.mul (local.get $r) (local.get $r)))
          (local.get $r))
          (v128.const f32x4 1 1 1 1))
        (i32x4.shl (i32x4.add (local.get $h) (v128.const i32x4 127 127 127 127)) (i32.const 23)))
      (i32x4.shl (i32x4.add (i32x4.sub (local.get $n) (local.get $h)) (v128.const i32x4 127 127 127 127))
        (i32.const 23))))


  ;; The DCLS taps of in x out synapses over taps delays (positions pos
  ;; and weights w laid out [i][j], gauss and kernel [i][d][j]):
  ;; e_d = exp(-z·z/2), z = (d - p)·(1/σ); g_d = e_d·(1/(Σ e + 1e-7)) into
  ;; gauss and w·g_d into kernel. Four synapses j side by side in SIMD.
  (func $dcls_kernel (export "dcls_kernel") (type $dcls_kernel) (param $in i32) (param $out i32) (param $taps i32)
    (param $sigma f32) (param $pos i32) (param $w i32) (param $gauss i32) (param $kernel i32)
    (local $inv f32) (local $i i32) (local $j i32) (local $d i32) (local $ob i32) (local $off i32)
    (local $p f32) (local $wk f32) (local $z f32) (local $e f32) (local $sum f32) (local $norm f32)
    (local $pv v128) (local $wv v128) (local $zv v128) (local $ev v128) (local $sumv v128) (local $normv v128) (local $invv v128)
    (local.set $inv (f32.div (f32.const 1) (local.get $sigma)))
    (local.set $ob (i32.shl (local.get $out) (i32.const 2)))
    (local.set $invv (f32x4.splat (local.get $inv)))
    (local.set $i (i32.const 0))
    (block $idone
      (loop $il
        (br_if $idone (i32.ge_s (local.get $i) (local.get $in)))
        (local.set $j (i32.const 0))
        (block $vdone
          (loop $vl
            (br_if $vdone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $out)))
            ;; off: the byte offset of [i][0][j] in gauss and kernel
            (local.set $off (i32.shl (i32.add (i32.mul (i32.mul (local.get $i) (local.get $taps)) (local.get $out))
              (local.get $j)) (i32.const 2)))
            (local.set $pv (v128.load (i32.add (local.get $pos)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $out)) (local.get $j)) (i32.const 2)))))
            (local.set $wv (v128.load (i32.add (local.get $w)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $out)) (local.get $j)) (i32.const 2)))))
            (local.set $sumv (v128.const f32x4 0 0 0 0))
            (local.set $d (i32.const 0))
            (block $ddone
              (loop $dl
                (br_if $ddone (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $zv (f32x4.mul
                  (f32x4.sub (f32x4.splat (f32.convert_i32_s (local.get $d))) (local.get $pv))
                  (local.get $invv)))
                (local.set $ev (call $exp4 (f32x4.mul
                  (f32x4.mul (f32x4.neg (local.get $zv)) (local.get $zv)) (v128.const f32x4 0.5 0.5 0.5 0.5))))
                (v128.store (i32.add (local.get $gauss) (local.get $off)) (local.get $ev))
                (local.set $sumv (f32x4.add (local.get $sumv) (local.get $ev)))
                (local.set $off (i32.add (local.get $off) (local.get $ob)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $dl)))
            (local.set $normv (f32x4.div (v128.const f32x4 1 1 1 1)
              (f32x4.add (local.get $sumv) (v128.const f32x4 1e-7 1e-7 1e-7 1e-7))))
            (local.set $d (i32.const 0))
            (block $d2done
              (loop $d2l
                (br_if $d2done (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $off (i32.sub (local.get $off) (local.get $ob)))
                (local.set $ev (f32x4.mul (v128.load (i32.add (local.get $gauss) (local.get $off))) (local.get $normv)))
                (v128.store (i32.add (local.get $gauss) (local.get $off)) (local.get $ev))
                (v128.store (i32.add (local.get $kernel) (local.get $off)) (f32x4.mul (local.get $wv) (local.get $ev)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $d2l)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vl)))
        (block $sdone
          (loop $sl
            (br_if $sdone (i32.ge_s (local.get $j) (local.get $out)))
            (local.set $off (i32.shl (i32.add (i32.mul (i32.mul (local.get $i) (local.get $taps)) (local.get $out))
              (local.get $j)) (i32.const 2)))
            (local.set $p (f32.load (i32.add (local.get $pos)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $out)) (local.get $j)) (i32.const 2)))))
            (local.set $wk (f32.load (i32.add (local.get $w)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $out)) (local.get $j)) (i32.const 2)))))
            (local.set $sum (f32.const 0))
            (local.set $d (i32.const 0))
            (block $ddone
              (loop $dl
                (br_if $ddone (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $z (f32.mul (f32.sub (f32.convert_i32_s (local.get $d)) (local.get $p)) (local.get $inv)))
                (local.set $e (call $exp (f32.mul (f32.mul (f32.neg (local.get $z)) (local.get $z)) (f32.const 0.5))))
                (f32.store (i32.add (local.get $gauss) (local.get $off)) (local.get $e))
                (local.set $sum (f32.add (local.get $sum) (local.get $e)))
                (local.set $off (i32.add (local.get $off) (local.get $ob)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $dl)))
            (local.set $norm (f32.div (f32.const 1) (f32.add (local.get $sum) (f32.const 1e-7))))
            (local.set $d (i32.const 0))
            (block $d2done
              (loop $d2l
                (br_if $d2done (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $off (i32.sub (local.get $off) (local.get $ob)))
                (local.set $e (f32.mul (f32.load (i32.add (local.get $gauss) (local.get $off))) (local.get $norm)))
                (f32.store (i32.add (local.get $gauss) (local.get $off)) (local.get $e))
                (f32.store (i32.add (local.get $kernel) (local.get $off)) (f32.mul (local.get $wk) (local.get $e)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $d2l)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sl)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $il))))

  ;; The DCLS gradients from dk = dL/d(kernel): per synapse
  ;; dw = Σ_d dk_d·g_d, m = Σ_d g_d·(d-p), and
  ;; dp = Σ_d (dk_d·w)·g_d·((d-p)·(1/σ²) - m·(1/σ²)), added to wgrad and pgrad.
  (func $dcls_backward (export "dcls_backward") (type $dcls_backward) (param $in i32) (param $out i32) (param $taps i32)
    (param $sigma f32) (param $pos i32) (param $w i32) (param $gauss i32) (param $dk i32) (param $wgrad i32) (param $pgrad i32)
    (local $inv2 f32) (local $i i32) (local $j i32) (local $d i32) (local $ob i32) (local $off i32) (local $k i32)
    (local $p f32) (local $wk f32) (local $g f32) (local $dw f32) (local $mean f32) (local $dp f32) (local $dd f32)
    (local $pv v128) (local $wv v128) (local $gv v128) (local $dwv v128) (local $meanv v128) (local $dpv v128)
    (local $ddv v128) (local $inv2v v128)
    (local.set $inv2 (f32.div (f32.const 1) (f32.mul (local.get $sigma) (local.get $sigma))))
    (local.set $ob (i32.shl (local.get $out) (i32.const 2)))
    (local.set $inv2v (f32x4.splat (local.get $inv2)))
    (local.set $i (i32.const 0))
    (block $idone
      (loop $il
        (br_if $idone (i32.ge_s (local.get $i) (local.get $in)))
        (local.set $j (i32.const 0))
        (block $vdone
          (loop $vl
            (br_if $vdone (i32.gt_s (i32.add (local.get $j) (i32.const 4)) (local.get $out)))
            (local.set $k (i32.shl (i32.add (i32.mul (local.get $i) (local.get $out)) (local.get $j)) (i32.const 2)))
            (local.set $pv (v128.load (i32.add (local.get $pos) (local.get $k))))
            (local.set $wv (v128.load (i32.add (local.get $w) (local.get $k))))
            (local.set $dwv (v128.const f32x4 0 0 0 0))
            (local.set $meanv (v128.const f32x4 0 0 0 0))
            (local.set $dpv (v128.const f32x4 0 0 0 0))
            (local.set $off (i32.shl (i32.add (i32.mul (i32.mul (local.get $i) (local.get $taps)) (local.get $out))
              (local.get $j)) (i32.const 2)))
            (local.set $d (i32.const 0))
            (block $ddone
              (loop $dl
                (br_if $ddone (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $gv (v128.load (i32.add (local.get $gauss) (local.get $off))))
                (local.set $ddv (f32x4.sub (f32x4.splat (f32.convert_i32_s (local.get $d))) (local.get $pv)))
                (local.set $dwv (f32x4.add (local.get $dwv)
                  (f32x4.mul (v128.load (i32.add (local.get $dk) (local.get $off))) (local.get $gv))))
                (local.set $meanv (f32x4.add (local.get $meanv) (f32x4.mul (local.get $gv) (local.get $ddv))))
                (local.set $off (i32.add (local.get $off) (local.get $ob)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $dl)))
            (local.set $off (i32.sub (local.get $off) (i32.mul (local.get $taps) (local.get $ob))))
            (local.set $d (i32.const 0))
            (block $d2done
              (loop $d2l
                (br_if $d2done (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $gv (v128.load (i32.add (local.get $gauss) (local.get $off))))
                (local.set $ddv (f32x4.sub (f32x4.splat (f32.convert_i32_s (local.get $d))) (local.get $pv)))
                (local.set $dpv (f32x4.add (local.get $dpv)
                  (f32x4.mul
                    (f32x4.mul (f32x4.mul (v128.load (i32.add (local.get $dk) (local.get $off))) (local.get $wv)) (local.get $gv))
                    (f32x4.sub (f32x4.mul (local.get $ddv) (local.get $inv2v)) (f32x4.mul (local.get $meanv) (local.get $inv2v))))))
                (local.set $off (i32.add (local.get $off) (local.get $ob)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $d2l)))
            (v128.store (i32.add (local.get $wgrad) (local.get $k))
              (f32x4.add (v128.load (i32.add (local.get $wgrad) (local.get $k))) (local.get $dwv)))
            (v128.store (i32.add (local.get $pgrad) (local.get $k))
              (f32x4.add (v128.load (i32.add (local.get $pgrad) (local.get $k))) (local.get $dpv)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vl)))
        (block $sdone
          (loop $sl
            (br_if $sdone (i32.ge_s (local.get $j) (local.get $out)))
            (local.set $k (i32.shl (i32.add (i32.mul (local.get $i) (local.get $out)) (local.get $j)) (i32.const 2)))
            (local.set $p (f32.load (i32.add (local.get $pos) (local.get $k))))
            (local.set $wk (f32.load (i32.add (local.get $w) (local.get $k))))
            (local.set $dw (f32.const 0))
            (local.set $mean (f32.const 0))
            (local.set $dp (f32.const 0))
            (local.set $off (i32.shl (i32.add (i32.mul (i32.mul (local.get $i) (local.get $taps)) (local.get $out))
              (local.get $j)) (i32.const 2)))
            (local.set $d (i32.const 0))
            (block $ddone
              (loop $dl
                (br_if $ddone (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $g (f32.load (i32.add (local.get $gauss) (local.get $off))))
                (local.set $dd (f32.sub (f32.convert_i32_s (local.get $d)) (local.get $p)))
                (local.set $dw (f32.add (local.get $dw)
                  (f32.mul (f32.load (i32.add (local.get $dk) (local.get $off))) (local.get $g))))
                (local.set $mean (f32.add (local.get $mean) (f32.mul (local.get $g) (local.get $dd))))
                (local.set $off (i32.add (local.get $off) (local.get $ob)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $dl)))
            (local.set $off (i32.sub (local.get $off) (i32.mul (local.get $taps) (local.get $ob))))
            (local.set $d (i32.const 0))
            (block $d2done
              (loop $d2l
                (br_if $d2done (i32.ge_s (local.get $d) (local.get $taps)))
                (local.set $g (f32.load (i32.add (local.get $gauss) (local.get $off))))
                (local.set $dd (f32.sub (f32.convert_i32_s (local.get $d)) (local.get $p)))
                (local.set $dp (f32.add (local.get $dp)
                  (f32.mul
                    (f32.mul (f32.mul (f32.load (i32.add (local.get $dk) (local.get $off))) (local.get $wk)) (local.get $g))
                    (f32.sub (f32.mul (local.get $dd) (local.get $inv2)) (f32.mul (local.get $mean) (local.get $inv2))))))
                (local.set $off (i32.add (local.get $off) (local.get $ob)))
                (local.set $d (i32.add (local.get $d) (i32.const 1)))
                (br $d2l)))
            (f32.store (i32.add (local.get $wgrad) (local.get $k))
              (f32.add (f32.load (i32.add (local.get $wgrad) (local.get $k))) (local.get $dw)))
            (f32.store (i32.add (local.get $pgrad) (local.get $k))
              (f32.add (f32.load (i32.add (local.get $pgrad) (local.get $k))) (local.get $dp)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $sl)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $il))))
)
