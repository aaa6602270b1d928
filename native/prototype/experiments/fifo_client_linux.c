#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
static double now_ms(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e3+t.tv_nsec/1e6;}
int main(int argc,char**argv){char a[4096],b[4096];snprintf(a,sizeof a,"%s/req",argv[1]);snprintf(b,sizeof b,"%s/rsp",argv[1]);
int n=atoi(argv[2]),size=atoi(argv[3]);int req=open(a,O_WRONLY),rsp=open(b,O_RDONLY);char*buf=calloc(1,size);double t0=now_ms();
for(int i=0;i<n;i++){*(int*)buf=i;write(req,buf,size);int have=0;while(have<size){int r=read(rsp,buf+have,size-have);if(r<=0)return 5;have+=r;}if(*(int*)buf!=i+1)return 6;}
double t1=now_ms();fprintf(stderr,"linux-native: %d round trips in %.1f ms: %.1f us each\n",n,t1-t0,1000*(t1-t0)/n);return 0;}
