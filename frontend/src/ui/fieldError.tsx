import { useEffect, type RefObject } from 'react'
import { ApiError } from '../api/bridge'

/** An error from Go, kept with the form field it is about ('' when it names none this form has). */
export interface FormError { field: string; message: string; n: number }

/**
 * formError reads a rejected call: ApiError.field comes from Go's problem.InField
 * or a domain problem's field. A field the form does not have counts as none,
 * so the message still shows, at the form's own place.
 */
export function formError(e: Error, fields: readonly string[], n: number): FormError {
  const field = e instanceof ApiError && e.field && fields.includes(e.field) ? e.field : ''
  return { field, message: e.message, n }
}

export const errorId = (form: string, field: string) => `${form}-err-${field || 'form'}`

/** The error beside its field: shown only when err is about this field ('' for the form's own place). */
export function FieldError({ form, field, err }: { form: string; field: string; err: FormError | null }) {
  if (!err || err.field !== field) return null
  return <span id={errorId(form, field)} className="field-error" role="alert">{err.message}</span>
}

/** What a field's input carries while an error is about it. */
export function invalidProps(form: string, field: string, err: FormError | null) {
  return err?.field === field ? { 'aria-invalid': true, 'aria-describedby': errorId(form, field) } : {}
}

/**
 * Takes the eye to a new error: scrolls its field (or, for an error about no one
 * field, the message) into view and puts focus on the field, so a person can fix
 * it without hunting for what went wrong.
 */
export function useShowError(formRef: RefObject<HTMLElement | null>, form: string, err: FormError | null) {
  useEffect(() => {
    const el = formRef.current
    if (!err || !el) return
    const control = err.field ? el.querySelector<HTMLElement>(`[name="${err.field}"]:not([disabled])`) : null
    const target = control ?? document.getElementById(errorId(form, err.field))
    target?.scrollIntoView?.({ block: 'center' })
    if (control) control.focus({ preventScroll: true })
  }, [formRef, form, err])
}
