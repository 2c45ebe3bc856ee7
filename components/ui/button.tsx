import Link from 'next/link';
import type { ButtonHTMLAttributes, ComponentProps } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'sm' | 'md' | 'lg';

export interface ButtonStyleProps {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

const base =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md font-semibold no-underline transition-[background-color,border-color,color] ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-primary-700 text-white hover:bg-primary-800 active:bg-primary-900',
  secondary:
    'border border-slate-400 bg-white text-slate-900 hover:border-slate-500 hover:bg-slate-100 active:bg-slate-200',
  danger: 'bg-danger-700 text-white hover:bg-danger-800',
  ghost: 'text-primary-700 hover:bg-primary-50 active:bg-primary-100',
};

// Every size keeps the 44px minimum touch target; size changes padding and type only.
const sizes: Record<ButtonSize, string> = {
  sm: 'px-3 text-sm',
  md: 'px-4 text-base',
  lg: 'min-h-12 px-6 text-lg',
};

export function buttonClasses({ variant = 'primary', size = 'md' }: ButtonStyleProps = {}, extra = ''): string {
  return [base, variants[variant], sizes[size], extra].filter(Boolean).join(' ');
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & ButtonStyleProps;

export function Button({ variant, size, className, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={buttonClasses({ variant, size }, className)} {...rest} />;
}

export type ButtonLinkProps = ComponentProps<typeof Link> & ButtonStyleProps;

export function ButtonLink({ variant, size, className, ...rest }: ButtonLinkProps) {
  return <Link className={buttonClasses({ variant, size }, className)} {...rest} />;
}
